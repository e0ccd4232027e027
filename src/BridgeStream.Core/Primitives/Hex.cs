namespace BridgeStream.Core.Primitives;

/// <summary>Lowercase 0x-hex, the form JSON-RPC and explorers use.</summary>
public static class Hex
{
    public static string Encode(ReadOnlySpan<byte> bytes) =>
        string.Create(2 + (bytes.Length * 2), bytes.ToArray(), static (chars, data) =>
        {
            chars[0] = '0';
            chars[1] = 'x';
            Convert.TryToHexStringLower(data, chars[2..], out _);
        });

    /// <summary>Decodes 0x-prefixed (or bare) hex; odd lengths get a leading zero nibble, as quantities do.</summary>
    public static bool TryDecode(ReadOnlySpan<char> hex, Span<byte> destination, out int written)
    {
        written = 0;
        if (hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            hex = hex[2..];
        }

        var length = (hex.Length + 1) / 2;
        if (length > destination.Length)
        {
            return false;
        }

        var offset = 0;
        if ((hex.Length & 1) == 1)
        {
            var low = Nibble(hex[0]);
            if (low < 0)
            {
                return false;
            }

            destination[0] = (byte)low;
            offset = 1;
            hex = hex[1..];
        }

        for (var i = 0; i < hex.Length; i += 2)
        {
            var high = Nibble(hex[i]);
            var low = Nibble(hex[i + 1]);
            if ((high | low) < 0)
            {
                return false;
            }

            destination[offset + (i / 2)] = (byte)((high << 4) | low);
        }

        written = length;
        return true;
    }

    /// <summary>Decodes 0x-hex straight from UTF-8 JSON bytes (no string in between: the RPC hot path).</summary>
    public static bool TryDecodeUtf8(ReadOnlySpan<byte> hex, Span<byte> destination, out int written)
    {
        written = 0;
        if (hex.Length >= 2 && hex[0] == '0' && (hex[1] == 'x' || hex[1] == 'X'))
        {
            hex = hex[2..];
        }

        if ((hex.Length & 1) == 1 || hex.Length / 2 > destination.Length)
        {
            return false;
        }

        for (var i = 0; i < hex.Length; i += 2)
        {
            var high = Nibble((char)hex[i]);
            var low = Nibble((char)hex[i + 1]);
            if ((high | low) < 0)
            {
                return false;
            }

            destination[i / 2] = (byte)((high << 4) | low);
        }

        written = hex.Length / 2;
        return true;
    }

    /// <summary>Parses a JSON-RPC quantity from UTF-8 bytes ("0x1a").</summary>
    public static bool TryParseQuantityUtf8(ReadOnlySpan<byte> hex, out ulong value)
    {
        value = 0;
        if (hex.Length < 3 || hex.Length > 18 || hex[0] != '0' || (hex[1] != 'x' && hex[1] != 'X'))
        {
            return false;
        }

        foreach (var c in hex[2..])
        {
            var n = Nibble((char)c);
            if (n < 0)
            {
                return false;
            }

            value = (value << 4) | (uint)n;
        }

        return true;
    }

    public static byte[] Decode(string hex)
    {
        var span = hex.AsSpan();
        var bare = span.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? span.Length - 2 : span.Length;
        var buffer = new byte[(bare + 1) / 2];
        if (!TryDecode(span, buffer, out _))
        {
            throw new FormatException($"Not hex: '{Truncate(hex)}'.");
        }

        return buffer;
    }

    /// <summary>Parses a JSON-RPC quantity ("0x1a") into a ulong.</summary>
    public static bool TryParseQuantity(ReadOnlySpan<char> hex, out ulong value)
    {
        value = 0;
        if (!hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || hex.Length < 3 || hex.Length > 18)
        {
            return false;
        }

        foreach (var c in hex[2..])
        {
            var n = Nibble(c);
            if (n < 0)
            {
                return false;
            }

            value = (value << 4) | (uint)n;
        }

        return true;
    }

    public static string EncodeQuantity(ulong value) => "0x" + value.ToString("x", System.Globalization.CultureInfo.InvariantCulture);

    private static int Nibble(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private static string Truncate(string s) => s.Length <= 80 ? s : string.Concat(s.AsSpan(0, 77), "...");
}
