using System.Diagnostics;

namespace BridgeStream.Tests.Infra;

/// <summary>Runs the Debian `docker-compose` (v1) binary, which validates and renders compose files without a Docker engine.</summary>
internal static class DockerComposeCli
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    public static async Task<Result> RunAsync(string workingDirectory, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(FindOnPath())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("docker-compose did not start.");
        var cancellation = TestContext.Current.CancellationToken;
        // Both pipes are drained concurrently so that a full stderr buffer cannot block the child.
        var stdout = process.StandardOutput.ReadToEndAsync(cancellation);
        var stderr = process.StandardError.ReadToEndAsync(cancellation);
        await process.WaitForExitAsync(cancellation);
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>A missing binary is a broken setup, not a reason to skip: the test fails and says how to fix it.</summary>
    private static string FindOnPath()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, "docker-compose");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Fail("`docker-compose` is not on PATH. Run `./bridgestream setup` (it installs the Debian package docker-compose, "
            + "which validates docker-compose.yml offline).");
        throw new UnreachableException();
    }
}
