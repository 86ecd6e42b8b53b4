using Ocean.Authoring;

namespace Violations;

[Blueprint("twin", Title = "Twin")]
public sealed class TwinEntity
{
}

[Blueprint("twin", Title = "Twin again")] public sealed class TwinAgainEntity { } // OCN0002
