using Ocean.Authoring;

namespace Integrations.SonarQube;

// blueprints.json: one class per blueprint, in the reference's order.

[Blueprint("sonarQubeProject", Title = "SonarQube Project", Icon = "sonarqube")]
public sealed class SonarQubeProjectEntity
{
    [Property(Title = "Organization", Icon = "TwoUsers")]
    public string? Organization { get; init; }

    [Property(Title = "Link", Icon = "Link")]
    public Uri? Link { get; init; }

    [Property(Title = "Last Analysis Date", Icon = "Clock")]
    public DateTimeOffset? LastAnalysisDate { get; init; }

    [Property(Title = "Quality Gate Status")]
    public QualityGateStatus? QualityGateStatus { get; init; }

    [Property(Title = "Number Of Bugs")]
    public double? NumberOfBugs { get; init; }

    [Property(Title = "Number Of CodeSmells")]
    public double? NumberOfCodeSmells { get; init; }

    [Property(Title = "Number Of Vulnerabilities")]
    public double? NumberOfVulnerabilities { get; init; }

    [Property(Title = "Number Of HotSpots")]
    public double? NumberOfHotSpots { get; init; }

    [Property(Title = "Number Of Duplications")]
    public double? NumberOfDuplications { get; init; }

    [Property(Title = "Coverage")]
    public double? Coverage { get; init; }

    [Property(Title = "Main Branch", Icon = "Git")]
    public string? MainBranch { get; init; }

    [Property(Title = "Main Branch Last Analysis Date", Icon = "Clock")]
    public DateTimeOffset? MainBranchLastAnalysisDate { get; init; }

    [Property(Title = "Revision")]
    public string? Revision { get; init; }

    [Property(Title = "Managed")]
    public bool? Managed { get; init; }

    [Aggregation(typeof(SonarQubeIssueEntity), Title = "Number Of Open Critical Issues", Query = """
        {
          "combinator": "and",
          "rules": [
            { "property": "status", "operator": "in", "value": ["OPEN", "REOPENED"] },
            { "property": "severity", "operator": "=", "value": "CRITICAL" }
          ]
        }
        """)]
    public int? CriticalOpenIssues { get; init; }

    [Aggregation(typeof(SonarQubeIssueEntity), Title = "Number Of Open Issues", Query = """
        {
          "combinator": "and",
          "rules": [
            { "property": "status", "operator": "in", "value": ["OPEN", "REOPENED"] }
          ]
        }
        """)]
    public int? NumberOfOpenIssues { get; init; }
}

public enum QualityGateStatus
{
    [PortEnumValue(Color = PortColor.Green)] OK,
    [PortEnumValue(Color = PortColor.Yellow)] WARN,
    [PortEnumValue(Color = PortColor.Red)] ERROR,
}

[Blueprint("sonarQubeAnalysis", Title = "SonarQube Analysis", Icon = "sonarqube")]
public sealed class SonarQubeAnalysisEntity
{
    [Property(Title = "Branch", Icon = "GitVersion")]
    public string? Branch { get; init; }

    [Property(Title = "Fixed Issues")]
    public double? FixedIssues { get; init; }

    [Property(Title = "New Issues")]
    public double? NewIssues { get; init; }

    [Property(Title = "Coverage")]
    public double? Coverage { get; init; }

    [Property(Title = "Duplications")]
    public double? Duplications { get; init; }

    [Property(Title = "Created At")]
    public DateTimeOffset? CreatedAt { get; init; }

    [Relation(Title = "SonarQube Project")]
    public SonarQubeProjectEntity? SonarQubeProject { get; init; }
}

[Blueprint("sonarQubeIssue", Title = "SonarQube Issue", Icon = "sonarqube")]
public sealed class SonarQubeIssueEntity
{
    [Property(Title = "Type")]
    public IssueType? Type { get; init; }

    [Property(Title = "Severity")]
    public IssueSeverity? Severity { get; init; }

    [Property(Title = "Link", Icon = "Link")]
    public Uri? Link { get; init; }

    [Property(Title = "Status")]
    public IssueStatus? Status { get; init; }

    [Property(Title = "Assignees", Icon = "TwoUsers")]
    public string? Assignees { get; init; }

    [Property(Title = "Tags")]
    public IReadOnlyList<string>? Tags { get; init; }

    [Property(Title = "Created At")]
    public DateTimeOffset? CreatedAt { get; init; }

    [Relation(Title = "SonarQube Project")]
    public SonarQubeProjectEntity? SonarQubeProject { get; init; }
}

public enum IssueType
{
    [PortEnumValue("CODE_SMELL")] CodeSmell,
    [PortEnumValue("BUG")] Bug,
    [PortEnumValue("VULNERABILITY")] Vulnerability,
}

public enum IssueSeverity
{
    [PortEnumValue("MAJOR", Color = PortColor.Orange)] Major,
    [PortEnumValue("INFO", Color = PortColor.Green)] Info,
    [PortEnumValue("MINOR", Color = PortColor.Yellow)] Minor,
    [PortEnumValue("CRITICAL", Color = PortColor.Red)] Critical,
    [PortEnumValue("BLOCKER", Color = PortColor.Red)] Blocker,
}

public enum IssueStatus
{
    [PortEnumValue("OPEN")] Open,
    [PortEnumValue("CLOSED")] Closed,
    [PortEnumValue("RESOLVED")] Resolved,
    [PortEnumValue("REOPENED")] Reopened,
    [PortEnumValue("CONFIRMED")] Confirmed,
}

[Blueprint("sonarQubePortfolio", Title = "SonarQube Portfolio", Icon = "sonarqube")]
public sealed class SonarQubePortfolioEntity
{
    [Property(Title = "Description")]
    public string? Description { get; init; }

    [Property(Title = "Visibility")]
    public PortfolioVisibility? Visibility { get; init; }

    [Property(Title = "Selection Mode")]
    public PortfolioSelectionMode? SelectionMode { get; init; }

    [Property(Title = "Disabled")]
    public bool? Disabled { get; init; }

    [Relation(Title = "Sub Portfolios")]
    public IReadOnlyList<SonarQubePortfolioEntity>? SubPortfolios { get; init; }

    [Relation(Title = "Referenced By")]
    public IReadOnlyList<SonarQubePortfolioEntity>? ReferencedBy { get; init; }
}

public enum PortfolioVisibility
{
    [PortEnumValue("PUBLIC", Color = PortColor.Green)] Public,
    [PortEnumValue("PRIVATE", Color = PortColor.LightGray)] Private,
}

public enum PortfolioSelectionMode
{
    [PortEnumValue("AUTO", Color = PortColor.Blue)] Auto,
    [PortEnumValue("MANUAL", Color = PortColor.Green)] Manual,
    [PortEnumValue("NONE", Color = PortColor.LightGray)] None,
}
