namespace DjangoPreflight.Cli;

/// <summary>Where a command writes: injected so tests run commands in memory.</summary>
/// <param name="Color">Whether <see cref="Out"/> is a terminal that wants colour.</param>
/// <param name="Width">The width of the terminal <see cref="Out"/> is; null when it is not one.</param>
public sealed record CliIo(TextWriter Out, TextWriter Error, bool Color, int? Width = null);
