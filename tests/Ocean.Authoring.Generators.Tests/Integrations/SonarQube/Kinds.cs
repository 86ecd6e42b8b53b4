using System.Text.Json.Serialization;
using Ocean.Authoring;

namespace Integrations.SonarQube;

// The kinds: the raw objects SonarQube's Web API returns (camelCase JSON), enriched by the integration with
// "__"-prefixed fields, and their mappings. Resources appear in port-app-config.yaml in the order declared here.

// The legacy projects kind (components/search): still offered, not used by the default mapping.
[Kind("projects")]
public sealed record LegacyProject(string Key, string Name, string? Qualifier);

[Kind("projects_ga", Blueprint = typeof(SonarQubeProjectEntity), Identifier = ".key", Title = ".name")]
[SelectorField("apiFilters", """{ "qualifier": ["TRK"] }""")]
[SelectorField("metrics", """
    [
      "code_smells", "coverage", "bugs", "vulnerabilities", "duplicated_files", "security_hotspots",
      "new_violations", "new_coverage", "new_duplicated_lines_density"
    ]
    """)]
[Map("organization", ".organization")]
[Map("link", ".__link")]
[Map("qualityGateStatus", ".__branch.status.qualityGateStatus")]
[Map("lastAnalysisDate", """(.lastAnalysisDate // null) | if . then sub("(?<h>[+-]\\d{2})(?<m>\\d{2})$"; "\(.h):\(.m)") else null end""")]
[Map("numberOfBugs", """.__measures[]? | select(.metric == "bugs") | .value""")]
[Map("numberOfCodeSmells", """.__measures[]? | select(.metric == "code_smells") | .value""")]
[Map("numberOfVulnerabilities", """.__measures[]? | select(.metric == "vulnerabilities") | .value""")]
[Map("numberOfHotSpots", """.__measures[]? | select(.metric == "security_hotspots") | .value""")]
[Map("numberOfDuplications", """.__measures[]? | select(.metric == "duplicated_files") | .value""")]
[Map("coverage", """.__measures[]? | select(.metric == "coverage") | .value""")]
[Map("mainBranch", ".__branch.name")]
[Map("mainBranchLastAnalysisDate", """(.__branch.analysisDate // null) | if . then sub("(?<h>[+-]\\d{2})(?<m>\\d{2})$"; "\(.h):\(.m)") else null end""")]
[Map("revision", ".revision")]
[Map("managed", ".managed")]
public sealed record Project(
    string Key,
    string Name,
    string? Organization,
    string? LastAnalysisDate,
    string? Revision,
    bool? Managed,
    [property: JsonPropertyName("__link")] string? Link,
    [property: JsonPropertyName("__branch")] Branch? Branch,
    [property: JsonPropertyName("__measures")] IReadOnlyList<Measure>? Measures);

public sealed record Branch(string Name, bool IsMain, string? AnalysisDate, BranchStatus? Status);

public sealed record BranchStatus(string? QualityGateStatus);

public sealed record Measure(string Metric, string? Value, MeasurePeriod? Period);

public sealed record MeasurePeriod(string? Value);

// SonarCloud project activity (the "analysis" kind is the older name of "saas_analysis").
[Kind("analysis", Blueprint = typeof(SonarQubeAnalysisEntity), Identifier = ".analysisId", Title = ".__commit.message // .analysisId")]
[Map("branch", ".__branchName")]
[Map("fixedIssues", ".measures.violations_fixed")]
[Map("newIssues", ".measures.violations_added")]
[Map("coverage", ".measures.coverage_change")]
[Map("duplications", ".measures.duplicated_lines_density_change")]
[Map("createdAt", ".__analysisDate")]
[MapRelation("sonarQubeProject", ".__project")]
public sealed record Analysis(
    string AnalysisId,
    IReadOnlyDictionary<string, double?>? Measures,
    [property: JsonPropertyName("__commit")] Commit? Commit,
    [property: JsonPropertyName("__branchName")] string? BranchName,
    [property: JsonPropertyName("__analysisDate")] string? AnalysisDate,
    [property: JsonPropertyName("__project")] string Project);

public sealed record Commit(string? Message);

// SonarQube server: the new-code measures of a project's branches and pull requests.
[Kind("onprem_analysis", Blueprint = typeof(SonarQubeAnalysisEntity), Identifier = """.__project + "-" + .key""", Title = ".title")]
[Map("branch", ".branch")]
[Map("newIssues", """.__measures[]? | select(.metric == "new_violations") | .period.value""")]
[Map("coverage", """.__measures[]? | select(.metric == "new_coverage") | .period.value""")]
[Map("duplications", """.__measures[]? | select(.metric == "new_duplicated_lines_density") | .period.value""")]
[Map("createdAt", ".analysisDate")]
[MapRelation("sonarQubeProject", ".__project")]
public sealed record OnPremAnalysis(
    string Key,
    string? Title,
    string? Branch,
    string? AnalysisDate,
    [property: JsonPropertyName("__measures")] IReadOnlyList<Measure>? Measures,
    [property: JsonPropertyName("__project")] string Project);

[Kind("issues", Blueprint = typeof(SonarQubeIssueEntity), Identifier = ".key", Title = ".message")]
[SelectorField("apiFilters", """{ "resolved": "false" }""")]
[SelectorField("projectApiFilters", """{ "filter": { "qualifier": "TRK" } }""")]
[Map("type", ".type")]
[Map("severity", ".severity")]
[Map("link", ".__link")]
[Map("status", ".status")]
[Map("assignees", ".assignee")]
[Map("tags", ".tags")]
[Map("createdAt", ".creationDate")]
[MapRelation("sonarQubeProject", ".project")]
public sealed record Issue(
    string Key,
    string Message,
    string Type,
    string Severity,
    string Status,
    string? Assignee,
    IReadOnlyList<string>? Tags,
    string? CreationDate,
    string Project,
    [property: JsonPropertyName("__link")] string? Link);

[Kind("saas_analysis", Blueprint = typeof(SonarQubeAnalysisEntity), Identifier = ".analysisId", Title = ".__commit.message // .analysisId")]
[Map("branch", ".__branchName")]
[Map("fixedIssues", ".measures.violations_fixed")]
[Map("newIssues", ".measures.violations_added")]
[Map("coverage", ".measures.coverage_change")]
[Map("duplications", ".measures.duplicated_lines_density_change")]
[Map("createdAt", ".__analysisDate")]
[MapRelation("sonarQubeProject", ".__project")]
public sealed record SaasAnalysis(
    string AnalysisId,
    IReadOnlyDictionary<string, double?>? Measures,
    [property: JsonPropertyName("__commit")] Commit? Commit,
    [property: JsonPropertyName("__branchName")] string? BranchName,
    [property: JsonPropertyName("__analysisDate")] string? AnalysisDate,
    [property: JsonPropertyName("__project")] string Project);

[Kind("portfolios", Blueprint = typeof(SonarQubePortfolioEntity), Identifier = ".key", Title = ".name")]
[Map("description", ".description")]
[Map("visibility", "if .visibility then .visibility | ascii_upcase else null end")]
[Map("selectionMode", "if .selectionMode then .selectionMode | ascii_upcase else null end")]
[Map("disabled", ".disabled")]
[MapRelation("subPortfolios", """.subViews | map(select(.qualifier as $qualifier | ["VW", "SVW"] | contains([$qualifier])) | .key)""")]
[MapRelation("referencedBy", """.referencedBy | map(select(.qualifier as $qualifier | ["VW", "SVW"] | contains([$qualifier])) | .key)""")]
public sealed record Portfolio(
    string Key,
    string Name,
    string? Description,
    string? Visibility,
    string? SelectionMode,
    bool? Disabled,
    IReadOnlyList<PortfolioRef>? SubViews,
    IReadOnlyList<PortfolioRef>? ReferencedBy);

public sealed record PortfolioRef(string Key, string Qualifier);
