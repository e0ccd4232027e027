namespace BridgeStream.Embedded;

/// <summary>
/// Where the embedded default's tools live: npm packages installed by <c>./bridgestream setup</c> into
/// <c>infra/embedded/node_modules</c> (git-ignored). <c>BRIDGESTREAM_HOME</c> overrides the repository root.
/// </summary>
internal static class EmbeddedTools
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    public static string RepositoryRoot => Root.Value;

    public static string NodeModules => Path.Combine(RepositoryRoot, "infra", "embedded", "node_modules");

    public static string AnvilPath => Path.Combine(NodeModules, "@foundry-rs", "anvil-linux-amd64", "bin", "anvil");

    public static string LibChdbPath => Path.Combine(NodeModules, "@chdb", "lib-linux-x64-gnu", "libchdb.so");

    public static string SolcJsPath => Path.Combine(NodeModules, "solc", "solc.js");

    /// <summary>Runtime data of the embedded default (chDB data, devnet deployment), git-ignored.</summary>
    public static string DataRoot => Path.Combine(RepositoryRoot, ".data");

    /// <summary>Fails with a message that says what to run, instead of a bare FileNotFoundException later.</summary>
    public static string Require(string path, string what)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"{what} not found at {path}. Run `./bridgestream setup` (installs the embedded tools into infra/embedded).", path);
        }

        return path;
    }

    private static string FindRepositoryRoot()
    {
        var fromEnv = Environment.GetEnvironmentVariable("BRIDGESTREAM_HOME");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return Path.GetFullPath(fromEnv);
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "BridgeStream.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Cannot find the BridgeStream repository root (BridgeStream.sln); set BRIDGESTREAM_HOME.");
    }
}
