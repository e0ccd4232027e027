namespace BridgeStream.Tests.Api;

/// <summary>Finds files of the repository from the test's output folder (bin/...), whatever the checkout path.</summary>
internal static class RepositoryFiles
{
    public static string Find(string relativePath)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, relativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relativePath} not found above {AppContext.BaseDirectory}");
    }
}
