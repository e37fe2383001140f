using DjangoPreflight.Core;
using DjangoPreflight.Reporting.RuleReference;

namespace DjangoPreflight.Reporting;

/// <summary>The section titles of CHECKLIST.md, for formats that group findings by category.
/// The enum's order is the checklist's order.</summary>
public static class CategoryTitles
{
    public static string Title(this Category c) => ChecklistNames.Title(c);
}
