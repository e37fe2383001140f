namespace DjangoPreflight.Analysis.Deployment;

/// <summary>The program a launch command starts to serve Django.</summary>
public enum AppServer { Runserver, Gunicorn, Uwsgi, Uvicorn, Daphne, Hypercorn, Waitress, Granian }

/// <summary>The interface the server speaks to Django.</summary>
public enum AppInterface { Wsgi, Asgi, Unknown }
