using Nethereum.Web3.Accounts;

namespace BridgeStream.Devnet;

/// <summary>
/// anvil's default funded dev accounts (mnemonic "test test ... junk"; public, devnet only). Each role has its own
/// account so that concurrent senders never share a transaction nonce.
/// </summary>
public static class DevnetAccounts
{
    private static readonly string[] PrivateKeys =
    [
        "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
        "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
        "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
        "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
        "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
        "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
        "0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e",
        "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356",
        "0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97",
        "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6",
    ];

    // Accounts 10 and up of the same mnemonic: anvil does not fund them (it funds ten), the bridge using one funds it with
    // anvil_setBalance on the chains it needs. Not counted in Count (anvil's eth_accounts).
    private static readonly string[] ExtraPrivateKeys =
    [
        "0xf214f2b2cd398c806f84e317254e0f0b801d0643303237d97a22a48e01628897",
        "0x701b615bbdfb9de65240bc28bd21bbc0d996645a3dd57e7b12bc2bdf6f192c82",
    ];

    public const int Deployer = 0;

    /// <summary>L1 accounts that send deposits (one concurrent sending loop each).</summary>
    public static readonly IReadOnlyList<int> DepositSenders = [1, 2, 3, 4];

    /// <summary>First-delivery relayer on every L2 (the stand-in for the aliased L1 messenger); also owns the targets.</summary>
    public const int Relayer = 5;

    /// <summary>Replays failed messages on the L2s (replays come from ordinary accounts, without value).</summary>
    public const int Replayer = 6;

    /// <summary>Sends the benchmark batches and the portal-only deposits on the L1 (it never signs on an L2).</summary>
    public const int BatchSender = 7;

    /// <summary>
    /// The Arbitrum and Scroll devnet bridges (Devnet/Bridges/Arbitrum, Devnet/Bridges/Scroll): deploys their contracts,
    /// plays the Arbitrum rollup and ArbOS (ticket creation, retries, recorded sends), sends their traffic on every chain.
    /// </summary>
    public const int ArbitrumAndScroll = 8;

    /// <summary>
    /// The Hyperlane, CCTP and LayerZero devnet (Devnet/Messaging): deploys their stand-ins, owns the apps and tokens,
    /// sends the user traffic and plays every off-chain party (Hyperlane relayer, Circle's attester, LayerZero DVN and executor).
    /// </summary>
    public const int Messaging = 9;

    /// <summary>
    /// The Linea and zkSync devnet bridges (Devnet/Bridges/Linea, Devnet/Bridges/Zksync): deploys their stand-ins, sends
    /// their traffic and plays their off-chain parties (Linea's coordinator and postman, zkSync's operator). Not one of
    /// anvil's funded accounts: funded by anvil_setBalance when the bridges deploy.
    /// </summary>
    public const int ZkRollups = 10;

    /// <summary>anvil's own funded accounts (eth_accounts); <see cref="ZkRollups"/> comes after them.</summary>
    public static int Count => PrivateKeys.Length;

    /// <summary>
    /// The OP interop devnet (Devnet/Bridges/Interop): deploys its stand-ins on the OP Stack chains (same nonce on each, so
    /// the same addresses, as predeploys have), sends the interop traffic and relays it. Key index 11 of the same mnemonic
    /// (index 10 is <see cref="ZkRollups"/>): not one of the 10 accounts anvil funds, so the interop bridge funds it with
    /// anvil_setBalance. Its own key, so no other bridge moves its nonces on 901/902.
    /// </summary>
    public static Account Interop(long chainId) => Get(InteropIndex, chainId);

    private const int InteropIndex = 11;

    public static Account Get(int index, long chainId)
    {
        if (index < 0 || index >= PrivateKeys.Length + ExtraPrivateKeys.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"the devnet has {PrivateKeys.Length + ExtraPrivateKeys.Length} accounts.");
        }

        return new Account(index < PrivateKeys.Length ? PrivateKeys[index] : ExtraPrivateKeys[index - PrivateKeys.Length], chainId);
    }

    public static string AddressOf(int index) => Get(index, 1).Address;
}
