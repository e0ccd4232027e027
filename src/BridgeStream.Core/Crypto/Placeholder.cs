namespace BridgeStream.Core.Crypto;
