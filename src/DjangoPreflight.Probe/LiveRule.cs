using DjangoPreflight.Core;

namespace DjangoPreflight.Probe;

/// <summary>A rule over what a live probe observed. One per file; the registry finds it.</summary>
public abstract class LiveRule : Rule
{
    public abstract IEnumerable<Finding> Check(ProbeObservations observations);
}
