// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice Emits arbitrary logs. Tests use it to put malformed "bridge events" (a real topic0 with broken data)
/// on a devnet chain, so the ingestor's dead-letter path is exercised end to end. Not part of any bridge.
contract RawLogEmitter {
    function emitLog(bytes32[] calldata topics, bytes calldata data) external {
        bytes memory payload = data;
        uint256 length = payload.length;
        if (topics.length == 0) {
            assembly { log0(add(payload, 32), length) }
        } else if (topics.length == 1) {
            bytes32 t0 = topics[0];
            assembly { log1(add(payload, 32), length, t0) }
        } else if (topics.length == 2) {
            bytes32 t0 = topics[0];
            bytes32 t1 = topics[1];
            assembly { log2(add(payload, 32), length, t0, t1) }
        } else {
            revert("at most two topics");
        }
    }
}
