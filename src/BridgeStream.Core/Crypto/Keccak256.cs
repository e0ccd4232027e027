using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace BridgeStream.Core.Crypto;

/// <summary>
/// Keccak-256 as Ethereum uses it (the original Keccak padding 0x01, not SHA3-256's 0x06).
/// Span-based and allocation-free: correlation keys are hashed on the ingest hot path.
/// </summary>
public static class Keccak256
{
    public const int HashSize = 32;
    private const int Rate = 136;

    private static readonly ulong[] RoundConstants =
    [
        0x0000000000000001UL, 0x0000000000008082UL, 0x800000000000808aUL, 0x8000000080008000UL,
        0x000000000000808bUL, 0x0000000080000001UL, 0x8000000080008081UL, 0x8000000000008009UL,
        0x000000000000008aUL, 0x0000000000000088UL, 0x0000000080008009UL, 0x000000008000000aUL,
        0x000000008000808bUL, 0x800000000000008bUL, 0x8000000000008089UL, 0x8000000000008003UL,
        0x8000000000008002UL, 0x8000000000000080UL, 0x000000000000800aUL, 0x800000008000000aUL,
        0x8000000080008081UL, 0x8000000000008080UL, 0x0000000080000001UL, 0x8000000080008008UL,
    ];

    public static Primitives.Hash32 Hash(ReadOnlySpan<byte> input)
    {
        Span<byte> output = stackalloc byte[HashSize];
        Hash(input, output);
        return new Primitives.Hash32(output);
    }

    public static void Hash(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (output.Length < HashSize)
        {
            throw new ArgumentException("The output needs 32 bytes.", nameof(output));
        }

        Span<ulong> state = stackalloc ulong[25];
        state.Clear();
        while (input.Length >= Rate)
        {
            AbsorbBlock(state, input[..Rate]);
            input = input[Rate..];
        }

        Span<byte> last = stackalloc byte[Rate];
        last.Clear();
        input.CopyTo(last);
        last[input.Length] ^= 0x01;
        last[Rate - 1] ^= 0x80;
        AbsorbBlock(state, last);

        for (var i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(output.Slice(i * 8, 8), state[i]);
        }
    }

    private static void AbsorbBlock(Span<ulong> state, ReadOnlySpan<byte> block)
    {
        for (var i = 0; i < Rate / 8; i++)
        {
            state[i] ^= BinaryPrimitives.ReadUInt64LittleEndian(block.Slice(i * 8, 8));
        }

        Permute(state);
    }

    [SkipLocalsInit]
    private static void Permute(Span<ulong> a)
    {
        Span<ulong> c = stackalloc ulong[5];
        for (var round = 0; round < 24; round++)
        {
            for (var x = 0; x < 5; x++)
            {
                c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
            }

            for (var x = 0; x < 5; x++)
            {
                var d = c[(x + 4) % 5] ^ BitOperations.RotateLeft(c[(x + 1) % 5], 1);
                for (var y = 0; y < 25; y += 5)
                {
                    a[y + x] ^= d;
                }
            }

            RhoPi(a);
            Chi(a, c);
            a[0] ^= RoundConstants[round];
        }
    }

    // Rho and Pi together: walk the 24-lane cycle, rotating each lane by its triangular-number offset.
    private static void RhoPi(Span<ulong> a)
    {
        var current = a[1];
        int x = 1, y = 0;
        for (var t = 0; t < 24; t++)
        {
            var newX = y;
            var newY = ((2 * x) + (3 * y)) % 5;
            var index = newX + (5 * newY);
            var next = a[index];
            a[index] = BitOperations.RotateLeft(current, (((t + 1) * (t + 2)) / 2) % 64);
            current = next;
            x = newX;
            y = newY;
        }
    }

    private static void Chi(Span<ulong> a, Span<ulong> row)
    {
        for (var y = 0; y < 25; y += 5)
        {
            for (var x = 0; x < 5; x++)
            {
                row[x] = a[y + x];
            }

            for (var x = 0; x < 5; x++)
            {
                a[y + x] = row[x] ^ (~row[(x + 1) % 5] & row[(x + 2) % 5]);
            }
        }
    }
}
