using System.Collections.Generic;

namespace Ocean.Authoring.Jq.Evaluation;

/// <summary>Builds values a host (such as the <c>ocean jq</c> command line) hands to a program, e.g. <c>$ARGS</c>.</summary>
public static class JqValues
{
    /// <summary>An object with <paramref name="members"/> in order; a repeated key keeps its first place and takes the last value.</summary>
    public static JqValue Object(IEnumerable<KeyValuePair<string, JqValue>> members)
    {
        var obj = new JqObject(4);
        foreach (var member in members)
        {
            obj.SetInPlace(member.Key, member.Value);
        }

        return JqValue.FromObject(obj);
    }
}
