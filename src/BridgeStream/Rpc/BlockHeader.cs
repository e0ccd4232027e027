using BridgeStream.Core.Primitives;

namespace BridgeStream.Rpc;

public sealed record BlockHeader(ulong Number, Hash32 Hash, Hash32 ParentHash, long Timestamp);
