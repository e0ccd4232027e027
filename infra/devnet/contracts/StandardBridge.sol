// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

interface ICrossDomainMessenger {
    function sendMessage(address _target, bytes calldata _message, uint32 _minGasLimit) external payable;
    function xDomainMessageSender() external view returns (address);
}

interface IDevnetToken {
    function minter() external view returns (address);
    function remoteToken() external view returns (address);
    function mint(address _to, uint256 _amount) external;
    function burn(address _from, uint256 _amount) external;
    function transfer(address _to, uint256 _amount) external returns (bool);
    function transferFrom(address _from, address _to, uint256 _amount) external returns (bool);
}

/// @title StandardBridge (devnet)
/// @notice Stand-in for the OP Stack L1StandardBridge / L2StandardBridge (contracts-bedrock src/universal/StandardBridge.sol),
///         the same contract on both sides: bridgeETHTo / bridgeERC20To send, through the local CrossDomainMessenger, the
///         real finalizeBridgeETH(from, to, amount, extraData) / finalizeBridgeERC20(localToken, remoteToken, from, to,
///         amount, extraData) call with the token pair swapped for the other side, and the finalize functions accept only
///         the messenger relaying from the other bridge. A token this bridge mints (an OptimismMintableERC20 stand-in) is
///         burned on the way out and minted on the way in; any other is locked in `deposits`. Same events as the real one.
///         Left out: legacy deposit/withdraw entry points, pausing, the ETH-only-from-EOA rule.
contract StandardBridge {
    ICrossDomainMessenger public immutable messenger;
    address internal immutable deployer;
    address public otherBridge;
    mapping(address => mapping(address => uint256)) public deposits;

    event ETHBridgeInitiated(address indexed from, address indexed to, uint256 amount, bytes extraData);
    event ETHBridgeFinalized(address indexed from, address indexed to, uint256 amount, bytes extraData);
    event ERC20BridgeInitiated(
        address indexed localToken, address indexed remoteToken, address indexed from, address to, uint256 amount, bytes extraData
    );
    event ERC20BridgeFinalized(
        address indexed localToken, address indexed remoteToken, address indexed from, address to, uint256 amount, bytes extraData
    );

    constructor(address _messenger) {
        messenger = ICrossDomainMessenger(_messenger);
        deployer = msg.sender;
    }

    function initialize(address _otherBridge) external {
        require(msg.sender == deployer && otherBridge == address(0), "StandardBridge: already initialized");
        otherBridge = _otherBridge;
    }

    modifier onlyOtherBridge() {
        require(
            msg.sender == address(messenger) && messenger.xDomainMessageSender() == otherBridge,
            "StandardBridge: function can only be called from the other bridge"
        );
        _;
    }

    function bridgeETHTo(address _to, uint32 _minGasLimit, bytes calldata _extraData) external payable {
        emit ETHBridgeInitiated(msg.sender, _to, msg.value, _extraData);
        messenger.sendMessage{ value: msg.value }(
            otherBridge, abi.encodeWithSelector(this.finalizeBridgeETH.selector, msg.sender, _to, msg.value, _extraData), _minGasLimit
        );
    }

    function bridgeERC20To(
        address _localToken,
        address _remoteToken,
        address _to,
        uint256 _amount,
        uint32 _minGasLimit,
        bytes calldata _extraData
    ) external {
        if (_isMintedHere(_localToken)) {
            require(IDevnetToken(_localToken).remoteToken() == _remoteToken, "StandardBridge: wrong remote token");
            IDevnetToken(_localToken).burn(msg.sender, _amount);
        } else {
            require(IDevnetToken(_localToken).transferFrom(msg.sender, address(this), _amount), "StandardBridge: transfer failed");
            deposits[_localToken][_remoteToken] += _amount;
        }

        emit ERC20BridgeInitiated(_localToken, _remoteToken, msg.sender, _to, _amount, _extraData);
        messenger.sendMessage(
            otherBridge,
            abi.encodeWithSelector(this.finalizeBridgeERC20.selector, _remoteToken, _localToken, msg.sender, _to, _amount, _extraData),
            _minGasLimit
        );
    }

    function finalizeBridgeETH(address _from, address _to, uint256 _amount, bytes calldata _extraData) external payable onlyOtherBridge {
        require(msg.value == _amount, "StandardBridge: amount sent does not match amount required");
        emit ETHBridgeFinalized(_from, _to, _amount, _extraData);
        (bool success,) = _to.call{ value: _amount }("");
        require(success, "StandardBridge: ETH transfer failed");
    }

    function finalizeBridgeERC20(
        address _localToken,
        address _remoteToken,
        address _from,
        address _to,
        uint256 _amount,
        bytes calldata _extraData
    ) external onlyOtherBridge {
        if (_isMintedHere(_localToken)) {
            require(IDevnetToken(_localToken).remoteToken() == _remoteToken, "StandardBridge: wrong remote token");
            IDevnetToken(_localToken).mint(_to, _amount);
        } else {
            deposits[_localToken][_remoteToken] -= _amount;
            require(IDevnetToken(_localToken).transfer(_to, _amount), "StandardBridge: transfer failed");
        }

        emit ERC20BridgeFinalized(_localToken, _remoteToken, _from, _to, _amount, _extraData);
    }

    function _isMintedHere(address _token) internal view returns (bool) {
        return IDevnetToken(_token).minter() == address(this);
    }
}

/// @title DevnetToken (devnet)
/// @notice A minimal ERC-20 for the standard bridge: on the L2 an OptimismMintableERC20 stand-in (only the bridge mints and
///         burns, remoteToken = the L1 token); on the L1 a token anyone may mint (a devnet faucet, minter = address(0)).
contract DevnetToken {
    string public name;
    string public symbol;
    uint8 public constant decimals = 18;
    address public immutable minter;
    address public immutable remoteToken;
    uint256 public totalSupply;
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    constructor(string memory _name, string memory _symbol, address _minter, address _remoteToken) {
        name = _name;
        symbol = _symbol;
        minter = _minter;
        remoteToken = _remoteToken;
    }

    function mint(address _to, uint256 _amount) external {
        require(minter == address(0) || msg.sender == minter, "DevnetToken: only the bridge mints");
        totalSupply += _amount;
        balanceOf[_to] += _amount;
        emit Transfer(address(0), _to, _amount);
    }

    function burn(address _from, uint256 _amount) external {
        require(msg.sender == minter, "DevnetToken: only the bridge burns");
        balanceOf[_from] -= _amount;
        totalSupply -= _amount;
        emit Transfer(_from, address(0), _amount);
    }

    function approve(address _spender, uint256 _amount) external returns (bool) {
        allowance[msg.sender][_spender] = _amount;
        emit Approval(msg.sender, _spender, _amount);
        return true;
    }

    function transfer(address _to, uint256 _amount) external returns (bool) {
        balanceOf[msg.sender] -= _amount;
        balanceOf[_to] += _amount;
        emit Transfer(msg.sender, _to, _amount);
        return true;
    }

    function transferFrom(address _from, address _to, uint256 _amount) external returns (bool) {
        allowance[_from][msg.sender] -= _amount;
        balanceOf[_from] -= _amount;
        balanceOf[_to] += _amount;
        emit Transfer(_from, _to, _amount);
        return true;
    }
}
