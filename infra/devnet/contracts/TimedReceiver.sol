// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title TimedReceiver (devnet)
/// @notice Receiver of devnet cross-chain messages that fails deliberately by time, not by an owner's switch: a call
///         receiveMessage(notBefore, payload) reverts while block.timestamp < notBefore and succeeds from then on. So the
///         same message (same calldata, same correlation key) fails on its first delivery and succeeds when replayed or
///         redeemed later; notBefore = type(uint256).max never succeeds. Stateless, so its runtime code is copied to one
///         well-known address on every chain (BridgeStream.Devnet.Bridges.DevnetReceiver). Not part of any bridge.
contract TimedReceiver {
    event MessageReceived(address indexed from, uint256 value, uint256 notBefore, bytes payload);

    error NotYetReady(uint256 notBefore, uint256 timestamp);

    function receiveMessage(uint256 notBefore, bytes calldata payload) external payable {
        if (block.timestamp < notBefore) revert NotYetReady(notBefore, block.timestamp);
        emit MessageReceived(msg.sender, msg.value, notBefore, payload);
    }

    receive() external payable { }
}
