using System.Numerics;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;

namespace BridgeStream.Devnet;

/// <summary>What to send: a target, its call data, the value and the minimum gas limit.</summary>
internal sealed record DepositRequest(string Target, byte[] Message, BigInteger Value, uint MinGasLimit, BigInteger? TargetTag);

/// <summary>
/// Varied deposits: mostly calls to a MessageTarget (receiveMessage(tag, payload), which can be made to revert via
/// its tag), some plain transfers to fresh addresses; zero or non-zero values; different payload sizes and gas limits.
/// </summary>
internal sealed class DepositFactory
{
    private const double ContractTargetShare = 0.75;
    private readonly Random _random;
    private readonly object _gate = new();

    public DepositFactory(int seed) => _random = new Random(seed);

    public DepositRequest Next(IReadOnlyList<DevnetTarget> targets)
    {
        lock (_gate)
        {
            var value = _random.NextDouble() < 0.5 ? BigInteger.Zero : new BigInteger(_random.NextInt64(1, 10_000_000_000_000_000));
            var minGasLimit = (uint)_random.Next(50_000, 300_001);
            if (targets.Count > 0 && _random.NextDouble() < ContractTargetShare)
            {
                return ToContract(targets[_random.Next(targets.Count)], value, minGasLimit);
            }

            return new DepositRequest(RandomAddress(), RandomBytes(_random.Next(0, 3) * 32), value, minGasLimit, null);
        }
    }

    /// <summary>A call to a MessageTarget with a fresh tag (the tag is what the relayer blocks to make it fail).</summary>
    public DepositRequest ToContract(DevnetTarget target, BigInteger value, uint minGasLimit)
    {
        lock (_gate)
        {
            var tag = new BigInteger(_random.NextInt64(1, long.MaxValue));
            var call = new ReceiveMessageFunction { Tag = tag, Payload = RandomBytes(_random.Next(0, 200)) };
            return new DepositRequest(target.Address, call.GetCallData(), value, minGasLimit, tag);
        }
    }

    private string RandomAddress() => RandomBytes(20).ToHex(prefix: true);

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }
}
