namespace DjangoPreflight.Probe;

/// <summary>What the probe saw of a deployed site; live rules read only this, never the network.</summary>
public sealed class ProbeObservations
{
    public ProbeObservations(Uri target) => Target = target;

    public Uri Target { get; }
}
