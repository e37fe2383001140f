using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Deployment;

/// <summary>A gunicorn configuration file (gunicorn.conf.py, gunicorn_config.py...), read as
/// text: its <c>bind</c> and <c>worker_class</c> when they are plain literals.</summary>
public sealed record GunicornConfig(string Path, string? Bind, string? WorkerClass, SourceLocation? WorkerClassLocation);

/// <summary>A uwsgi ini file: uwsgi serves WSGI only.</summary>
public sealed record UwsgiConfig(string Path, SourceLocation Location, FileRole Role);
