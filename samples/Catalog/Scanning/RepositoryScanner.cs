namespace Catalog.Scanning;

/// <summary>Everything one scan of a repository found: the kinds' items, and the problems of the files it skipped.</summary>
public sealed record RepositorySnapshot(
    string Root,
    IReadOnlyList<Domain> Domains,
    IReadOnlyList<Solution> Solutions,
    IReadOnlyList<Connection> Connections,
    IReadOnlyList<Topic> Topics,
    IReadOnlyList<Api> Apis,
    IReadOnlyList<Project> Projects,
    IReadOnlyList<ScanProblem> Problems);

/// <summary>
/// Scans a .NET repository into the catalog's items: one domain, a solution per <c>.sln</c>/<c>.slnx</c>, a project per
/// <c>.csproj</c>, a connection per database a connection string names, a topic per Kafka topic or RabbitMQ queue, and
/// an API per web project. Every relation names an item of the same scan, so each related entity is real.
/// </summary>
public static class RepositoryScanner
{
    private static readonly string[] OpenApiPackages = ["Swashbuckle.AspNetCore", "NSwag.AspNetCore", "Microsoft.AspNetCore.OpenApi"];
    private static readonly string[] GrpcPackages = ["Grpc.AspNetCore"];

    /// <summary>Scans <paramref name="root"/>; the domain is named <paramref name="domainName"/>, or after the folder.</summary>
    public static RepositorySnapshot Scan(string root, string? domainName = null, CancellationToken cancellationToken = default)
    {
        root = Path.GetFullPath(root);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"The repository folder '{root}' does not exist.");
        }

        var problems = new List<ScanProblem>();
        var files = RepositoryFiles.Find(root, cancellationToken);

        var projectFiles = new List<(string FullPath, ProjectFile File)>();
        foreach (var path in files.Projects)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (ProjectParser.Parse(root, path, problems) is { } project)
            {
                projectFiles.Add((path, project));
            }
        }

        var projectIds = PortIdentifiers.ByName(projectFiles.Select(p => (p.File.Path, p.File.Name)));
        // References are matched exactly, then ignoring case (a repository written on Windows may spell a path differently).
        var projectsByPath = projectFiles.ToDictionary(p => p.FullPath, p => p.File, StringComparer.Ordinal);
        var projectsByPathIgnoringCase = new Dictionary<string, ProjectFile>(StringComparer.OrdinalIgnoreCase);
        foreach (var (path, file) in projectFiles)
        {
            projectsByPathIgnoringCase.TryAdd(path, file);
        }


        var solutionFiles = new List<SolutionFile>();
        foreach (var path in files.Solutions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (SolutionParser.Parse(root, path, problems) is { } solution)
            {
                solutionFiles.Add(solution);
            }
        }

        var solutionIds = PortIdentifiers.ByName(solutionFiles.Select(s => (s.Path, s.Name)));
        var name = string.IsNullOrWhiteSpace(domainName) ? new DirectoryInfo(root).Name : domainName.Trim();
        var domainId = PortIdentifiers.From(name);

        // appsettings files belong to the project(s) in the nearest folder above them.
        var connections = new SortedDictionary<string, ConnectionBuilder>(StringComparer.Ordinal);
        var topics = new SortedDictionary<string, TopicBuilder>(StringComparer.Ordinal);
        foreach (var path in files.Settings)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (SettingsParser.Parse(root, path, problems) is not { } settings)
            {
                continue;
            }

            var owners = Owners(path, projectFiles);
            var ownerIds = owners.Select(o => projectIds[o.Path]).ToList();
            var packages = owners.SelectMany(o => o.PackageReferences).ToList();
            foreach (var connection in settings.Connections)
            {
                var target = ConnectionStringClassifier.Classify(connection.Name, connection.Value, packages);
                var title = target.Database ?? connection.Name;
                var id = target.Provider + ":" + PortIdentifiers.From(title);
                if (!connections.TryGetValue(id, out var builder))
                {
                    connections[id] = builder = new ConnectionBuilder(id, title, target.Provider);
                }

                builder.Names.Add(connection.Name);
                builder.Files.Add(settings.Path);
                builder.Projects.UnionWith(ownerIds);
                foreach (var owner in owners)
                {
                    builder.Owners.Add(owner.Path);
                }
            }

            foreach (var topic in settings.Topics)
            {
                var id = topic.Broker + ":" + PortIdentifiers.From(topic.Name);
                if (!topics.TryGetValue(id, out var builder))
                {
                    topics[id] = builder = new TopicBuilder(id, topic.Name, topic.Broker);
                }

                builder.Settings.Add(topic.Setting);
                builder.Files.Add(settings.Path);
                builder.Projects.UnionWith(ownerIds);
                foreach (var owner in owners)
                {
                    builder.Owners.Add(owner.Path);
                }
            }
        }

        var apis = new List<Api>();
        var projects = new List<Project>();
        foreach (var (fullPath, file) in projectFiles)
        {
            var id = projectIds[file.Path];
            var listing = solutionFiles.Where(s => s.Projects.Contains(file.Path, StringComparer.Ordinal)).ToList();
            var system = listing
                .OrderByDescending(s => RepositoryFiles.IsInside(Path.GetDirectoryName(Path.Combine(root, s.Path))!, fullPath) ? Path.GetDirectoryName(s.Path)!.Length + 1 : 0)
                .ThenBy(s => s.Path, StringComparer.Ordinal)
                .FirstOrDefault();
            var references = new List<string>();
            foreach (var reference in file.ProjectReferences)
            {
                if (reference.Include.Contains("$(", StringComparison.Ordinal))
                {
                    continue; // an MSBuild expression: not evaluated (see README.md)
                }

                var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(fullPath)!, reference.Include.Replace('\\', '/')));
                if (projectsByPath.TryGetValue(target, out var referenced) || projectsByPathIgnoringCase.TryGetValue(target, out referenced))
                {
                    references.Add(projectIds[referenced.Path]);
                }
                else if (!RepositoryFiles.IsInside(root, target))
                {
                    problems.Add(new ScanProblem(file.Path, reference.Line, $"references '{reference.Include}', which is outside the repository; that reference is left out"));
                }
                else if (!File.Exists(target))
                {
                    problems.Add(new ScanProblem(file.Path, reference.Line, $"references '{reference.Include}', which does not exist; that reference is left out"));
                }

                // A project that exists but was skipped has its own problem already.
            }

            var resources = connections.Values.Where(c => c.Owners.Contains(file.Path)).Select(c => c.Identifier)
                .Concat(topics.Values.Where(t => t.Owners.Contains(file.Path)).Select(t => t.Identifier))
                .ToList();
            string? api = null;
            if (file.IsWeb)
            {
                api = id + "-api";
                var openApi = file.PackageReferences.Where(p => OpenApiPackages.Any(o => p.StartsWith(o, StringComparison.OrdinalIgnoreCase))).ToList();
                var grpc = file.PackageReferences.Where(p => GrpcPackages.Any(o => p.StartsWith(o, StringComparison.OrdinalIgnoreCase))).ToList();
                var protocol = openApi.Count > 0 ? "openapi" : grpc.Count > 0 ? "grpc" : "http";
                apis.Add(new Api(api, file.Name + " API", id, protocol, openApi.Concat(grpc).ToList()));
            }

            projects.Add(new Project(
                id,
                file.Name,
                file.Path,
                file.Sdk,
                file.OutputType,
                file.IsWeb,
                file.IsTest,
                system is null ? null : solutionIds[system.Path],
                listing.Select(s => solutionIds[s.Path]).ToList(),
                references.Distinct(StringComparer.Ordinal).ToList(),
                file.PackageReferences,
                resources,
                api));
        }

        var solutions = solutionFiles
            .Select(s => new Solution(
                solutionIds[s.Path],
                s.Name,
                s.Path,
                domainId,
                s.Projects.Where(p => projectIds.ContainsKey(p)).Select(p => projectIds[p]).ToList()))
            .ToList();
        var domain = new Domain(domainId, name, solutions.Select(s => s.Identifier).ToList());
        return new RepositorySnapshot(
            root,
            new[] { domain },
            solutions,
            connections.Values.Select(c => c.Build()).ToList(),
            topics.Values.Select(t => t.Build()).ToList(),
            apis,
            projects,
            problems);
    }

    /// <summary>The projects in the nearest folder at or above <paramref name="settingsPath"/> that has any.</summary>
    private static List<ProjectFile> Owners(string settingsPath, List<(string FullPath, ProjectFile File)> projects)
    {
        for (var folder = Path.GetDirectoryName(settingsPath); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            var here = projects.Where(p => string.Equals(Path.GetDirectoryName(p.FullPath), folder, StringComparison.Ordinal)).Select(p => p.File).ToList();
            if (here.Count > 0)
            {
                return here;
            }
        }

        return new List<ProjectFile>();
    }

    private sealed class ConnectionBuilder(string identifier, string name, string provider)
    {
        public string Identifier { get; } = identifier;
        public SortedSet<string> Names { get; } = new(StringComparer.Ordinal);
        public SortedSet<string> Files { get; } = new(StringComparer.Ordinal);
        public SortedSet<string> Projects { get; } = new(StringComparer.Ordinal);
        public HashSet<string> Owners { get; } = new(StringComparer.Ordinal);

        public Connection Build() => new(Identifier, name, provider, Names.ToList(), Files.ToList(), Projects.ToList());
    }

    private sealed class TopicBuilder(string identifier, string name, string broker)
    {
        public string Identifier { get; } = identifier;
        public SortedSet<string> Settings { get; } = new(StringComparer.Ordinal);
        public SortedSet<string> Files { get; } = new(StringComparer.Ordinal);
        public SortedSet<string> Projects { get; } = new(StringComparer.Ordinal);
        public HashSet<string> Owners { get; } = new(StringComparer.Ordinal);

        public Topic Build() => new(Identifier, name, broker, Settings.ToList(), Files.ToList(), Projects.ToList());
    }
}
