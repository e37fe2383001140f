using DjangoPreflight.Analysis.Project;

namespace DjangoPreflight.Analysis.Settings;

/// <summary>The targeted Django version (null when unknown) and the reason it was chosen.</summary>
public sealed record DjangoTarget(DjangoVersion? Version, string Reason)
{
    public static DjangoTarget Load(ProjectContext project)
    {
        if (DjangoVersion.TryParse(project.Options.DjangoVersion, out var v))
            return new DjangoTarget(v, "from --django-version");
        return new DjangoTarget(null, "no Django version found in the dependency files");
    }
}
