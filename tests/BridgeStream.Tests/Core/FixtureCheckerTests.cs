using System.Diagnostics;
using BridgeStream.Embedded;

namespace BridgeStream.Tests.Core;

/// <summary>
/// Every fixture folder's verify.mjs recomputes the expected keys of its real logs independently (no C#, no shared
/// decoder). Running them here makes a wrong expected value in a fixture fail the build, not just the decoder tests.
/// </summary>
public sealed class FixtureCheckerTests
{
    public static TheoryData<string> Folders =>
        [.. Directory.GetDirectories(Path.Combine(EmbeddedTools.RepositoryRoot, "tests", "BridgeStream.Tests", "Fixtures"))
            .Where(d => File.Exists(Path.Combine(d, "verify.mjs")))
            .Select(d => Path.GetFileName(d))
            .Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Folders))]
    public async Task The_independent_checker_agrees_with_every_fixture(string folder)
    {
        var start = new ProcessStartInfo("node", "verify.mjs")
        {
            WorkingDirectory = Path.Combine(EmbeddedTools.RepositoryRoot, "tests", "BridgeStream.Tests", "Fixtures", folder),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(process.ExitCode == 0, $"{folder}/verify.mjs failed:\n{output}\n{errors}");
    }
}
