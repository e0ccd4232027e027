using BridgeStream.Core.Primitives;

namespace BridgeStream.Rpc;

/// <summary>One block's user deposit transactions (OP Stack type 0x7E, the L1 attributes deposit left out).</summary>
public sealed record DepositBlock(ulong Number, Hash32 Hash, long Timestamp, IReadOnlyList<DepositedTransaction> Deposits);

/// <summary>A user deposit transaction: its hash and the account it executed at (zero for a contract creation).</summary>
public sealed record DepositedTransaction(Hash32 Hash, Address From, Address To);
