using System.Diagnostics;
using System.Text.Json;
using BridgeStream.Embedded;
using Microsoft.Extensions.Logging;

namespace BridgeStream.Devnet;

/// <summary>ABI (JSON text) and creation bytecode (0x hex) of one compiled devnet contract.</summary>
public sealed record ContractArtifact(string Name, string Abi, string Bytecode);

/// <summary>
/// The compiled devnet contracts. Compiles infra/devnet/contracts with infra/devnet/compile.mjs (solc-js)
/// when the artifacts are missing or older than the sources, then loads infra/devnet/out/contracts.json.
/// </summary>
public sealed class DevnetContracts
{
    public const string L1Messenger = "L1CrossDomainMessenger";
    public const string L2Messenger = "L2CrossDomainMessenger";
    public const string Target = "MessageTarget";
    public const string Portal = "OptimismPortal";
    public const string MessagePasser = "L2ToL1MessagePasser";
    public const string StandardBridge = "StandardBridge";
    public const string Token = "DevnetToken";

    // One compile at a time inside this process; compile.mjs renames atomically for other processes.
    private static readonly SemaphoreSlim CompileLock = new(1, 1);

    private readonly IReadOnlyDictionary<string, ContractArtifact> _artifacts;

    private DevnetContracts(IReadOnlyDictionary<string, ContractArtifact> artifacts) => _artifacts = artifacts;

    public static string DevnetRoot => Path.Combine(EmbeddedTools.RepositoryRoot, "infra", "devnet");

    public static string ArtifactsPath => Path.Combine(DevnetRoot, "out", "contracts.json");

    public ContractArtifact this[string name] =>
        _artifacts.TryGetValue(name, out var artifact)
            ? artifact
            : throw new KeyNotFoundException($"No compiled devnet contract named {name}; have {string.Join(", ", _artifacts.Keys)}.");

    public static async Task<DevnetContracts> LoadAsync(ILogger logger, CancellationToken cancellationToken = default)
    {
        await CompileLock.WaitAsync(cancellationToken);
        try
        {
            if (NeedsCompile())
            {
                await CompileAsync(logger, cancellationToken);
            }

            return Parse(await File.ReadAllTextAsync(ArtifactsPath, cancellationToken));
        }
        finally
        {
            CompileLock.Release();
        }
    }

    private static bool NeedsCompile()
    {
        if (!File.Exists(ArtifactsPath))
        {
            return true;
        }

        var builtAt = File.GetLastWriteTimeUtc(ArtifactsPath);
        var inputs = Directory.GetFiles(Path.Combine(DevnetRoot, "contracts"), "*.sol").Append(Path.Combine(DevnetRoot, "compile.mjs"));
        return inputs.Any(input => File.GetLastWriteTimeUtc(input) > builtAt);
    }

    private static async Task CompileAsync(ILogger logger, CancellationToken cancellationToken)
    {
        EmbeddedTools.Require(EmbeddedTools.SolcJsPath, "solc (npm)");
        var script = Path.Combine(DevnetRoot, "compile.mjs");
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(ArtifactsPath);

        logger.LogInformation("Compiling devnet contracts with {Script}", script);
        using var process = StartNode(info);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Compiling the devnet contracts failed (exit {process.ExitCode}): {await stderr}{await stdout}");
        }
    }

    private static Process StartNode(ProcessStartInfo info)
    {
        try
        {
            return Process.Start(info) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("`node` is not on PATH; it is needed to compile the devnet contracts (Node 20+).", ex);
        }
    }

    private static DevnetContracts Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var artifacts = new Dictionary<string, ContractArtifact>(StringComparer.Ordinal);
        foreach (var contract in document.RootElement.GetProperty("contracts").EnumerateObject())
        {
            var abi = contract.Value.GetProperty("abi").GetRawText();
            var bytecode = contract.Value.GetProperty("bytecode").GetString() ?? "";
            artifacts[contract.Name] = new ContractArtifact(contract.Name, abi, bytecode);
        }

        foreach (var required in new[] { L1Messenger, L2Messenger, Target, Portal, MessagePasser })
        {
            if (!artifacts.TryGetValue(required, out var artifact) || artifact.Bytecode.Length <= 2)
            {
                throw new InvalidDataException($"{ArtifactsPath} has no bytecode for {required}; delete it to recompile.");
            }
        }

        return new DevnetContracts(artifacts);
    }
}
