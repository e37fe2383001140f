using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Analysis.Tests.Code;

/// <summary>Code facts on small real projects written to a temporary directory: URL confs followed
/// from ROOT_URLCONF through include(), DRF views and their write methods, the parse cache.</summary>
public class CodeFactsTests
{
    private static ProjectContext Project(TempDirectory dir, params (string Path, string Text)[] files)
    {
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(dir.Path, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }
        return new ProjectContext(dir.Path, new ScanOptions { NoHistory = true });
    }

    private const string Manage = "import os\nos.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"proj.settings\")\n";

    [Fact]
    public void Admin_mount_is_composed_through_includes_and_i18n_patterns()
    {
        using var dir = new TempDirectory();
        var project = Project(dir,
            ("manage.py", Manage),
            ("proj/__init__.py", ""),
            ("proj/settings.py", "ROOT_URLCONF = \"proj.urls\"\n"),
            ("proj/urls.py", "from django.conf.urls.i18n import i18n_patterns\nfrom django.urls import include, path\n\nurlpatterns = i18n_patterns(\n    path(\"staff/\", include(\"proj.staff_urls\")),\n)\nhandler404 = \"proj.views.not_found\"\n"),
            ("proj/staff_urls.py", "from django.contrib import admin\nfrom django.urls import re_path\n\nurlpatterns = [\n    re_path(r\"^console/\", admin.site.urls),\n]\n"));
        var urls = project.Code.Urls;
        Assert.True(urls.FromRoot);
        var mount = Assert.Single(urls.AdminMounts);
        Assert.Equal("staff/console/", mount.Route);
        Assert.Equal("proj/staff_urls.py:5:5", mount.Location.ToString());
        Assert.Equal(["handler404"], urls.ErrorHandlers.Keys);
    }

    [Fact]
    public void Routes_that_hand_a_whole_prefix_to_a_view_are_listed_unless_debug_guards_them()
    {
        using var dir = new TempDirectory();
        var project = Project(dir,
            ("manage.py", Manage),
            ("proj/__init__.py", ""),
            ("proj/settings.py", "ROOT_URLCONF = \"proj.urls\"\n"),
            ("proj/urls.py", """
                from django.conf import settings
                from django.conf.urls.static import static
                from django.urls import include, path, re_path
                from django.views.static import serve

                from proj.views import home, serve_static

                urlpatterns = [
                    re_path(r"^static/(?P<path>.*)$", serve_static),
                    path("files/", include("proj.file_urls")),
                    path("item/<int:pk>/", home),
                    path("", home),
                ]
                urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
                if settings.DEBUG:
                    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]
                """),
            ("proj/file_urls.py", "from django.urls import path\nfrom django.views.static import serve\n\nurlpatterns = [path(\"<path:path>\", serve, {\"document_root\": \"/srv/files\"})]\n"));
        Assert.Equal(
        [
            "files/ document_root proj/file_urls.py:4:16",
            "static/ - proj/urls.py:9:5",
        ], project.Code.Urls.FileViewRoutes.Select(r => $"{r.Prefix} {(r.HasDocumentRoot ? "document_root" : "-")} {r.Location}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Include_cycles_end_and_unresolved_roots_fall_back_to_every_urls_py()
    {
        using var dir = new TempDirectory();
        var project = Project(dir,
            ("manage.py", Manage),
            ("proj/__init__.py", ""),
            ("proj/settings.py", "ROOT_URLCONF = load_root()\n"),
            ("proj/urls.py", "from django.contrib import admin\nfrom django.urls import include, path\n\nurlpatterns = [path(\"again/\", include(\"proj.urls\")), path(\"admin/\", admin.site.urls)]\n"));
        var urls = project.Code.Urls;
        Assert.False(urls.FromRoot);
        Assert.Contains(urls.AdminMounts, m => m.Route == "admin/" && m.Location.Line == 4);
        Assert.All(urls.AdminMounts, m => Assert.True(m.Route!.Length < 200));
    }

    [Fact]
    public void Pattern_lists_held_in_names_and_router_urls_are_followed()
    {
        using var dir = new TempDirectory();
        var project = Project(dir,
            ("manage.py", Manage),
            ("proj/__init__.py", ""),
            ("proj/settings.py", "ROOT_URLCONF = \"proj.urls\"\n"),
            ("proj/urls.py", """
                from django.contrib import admin
                from django.urls import include, path
                from rest_framework import routers
                from shop.api import OrderViewSet, UserViewSet

                router = routers.DefaultRouter()
                router.register(r"users", UserViewSet)
                router.register(prefix="orders", viewset=OrderViewSet, basename="order")

                staff_patterns = [path("console/", admin.site.urls)]
                staff_patterns += [path("old/", include(legacy_patterns))]

                urlpatterns = [
                    path("staff/", include((staff_patterns, "staff"))),
                    path("api/", include(router.urls)),
                ]
                urlpatterns = urlpatterns + router.urls
                """),
            ("shop/__init__.py", ""),
            ("shop/api.py", """
                from vendor.api import VendorViewSet


                class UserViewSet(VendorViewSet):
                    def create(self, request):
                        pass


                class Unrouted(VendorViewSet):
                    def create(self, request):
                        pass
                """));
        var urls = project.Code.Urls;
        var mount = Assert.Single(urls.AdminMounts);
        Assert.Equal(("staff/console/", "proj/urls.py:10:19", null), (mount.Route, mount.Location.ToString(), mount.Written));
        Assert.Equal(["api/users/ UserViewSet proj/urls.py:7:1", "users/ UserViewSet proj/urls.py:7:1", "api/orders/ OrderViewSet proj/urls.py:8:1", "orders/ OrderViewSet proj/urls.py:8:1"],
            urls.RoutedViewSets.Select(r => $"{r.Route} {r.ViewSet} {r.Location}"));
        // A router's viewset is a DRF view although its base comes from a package the scan does not read.
        var view = Assert.Single(project.Code.Views.Views);
        Assert.Equal(("UserViewSet", true), (view.Name, view.IsDrf));
        Assert.Equal(["POST"], view.WriteMethods);
    }

    [Theory]
    [InlineData("ADMIN_URL = \"admin/\"\n", "admin/")]
    [InlineData("import os\nADMIN_URL = os.environ.get(\"ADMIN_URL\")\n", null)]
    public void An_admin_route_written_as_a_setting_or_an_f_string_is_resolved_or_left_unknown(string adminSetting, string? resolved)
    {
        using var dir = new TempDirectory();
        var project = Project(dir,
            ("manage.py", Manage),
            ("proj/__init__.py", ""),
            ("proj/settings.py", "ROOT_URLCONF = \"proj.urls\"\n" + adminSetting),
            ("proj/urls.py", """
                from django.conf import settings
                from django.contrib import admin
                from django.urls import include, path, re_path

                ADMIN = "backoffice"
                prefix = ""
                if settings.SITE_ROOT:
                    prefix = f"{settings.SITE_ROOT}/"

                urlpatterns = [
                    path(f"{settings.ADMIN_URL}", admin.site.urls),
                    re_path(rf"^{ADMIN}/", admin.site.urls),
                    path(settings.ADMIN_URL, include([path("docs/", admin.site.urls)])),
                    path("plain/", admin.site.urls),
                    path(f"{prefix}admin/", admin.site.urls),
                ]
                """));
        Assert.Equal(
            [
                $"{resolved ?? "?"} proj/urls.py:11:5 f\"{{settings.ADMIN_URL}}\"",
                "backoffice/ proj/urls.py:12:5 rf\"^{ADMIN}/\"",
                $"{(resolved is null ? "?" : resolved + "docs/")} proj/urls.py:13:39 -",
                "plain/ proj/urls.py:14:5 -",
                // A name given a literal and, under an if, something else is no constant.
                "? proj/urls.py:15:5 f\"{prefix}admin/\"",
            ],
            project.Code.Urls.AdminMounts.Select(m => $"{m.Route ?? "?"} {m.Location} {m.Written ?? "-"}"));
    }

    [Fact]
    public void Drf_views_know_their_write_methods_and_declared_classes()
    {
        using var dir = new TempDirectory();
        var project = Project(dir,
            ("manage.py", Manage),
            ("shop/__init__.py", ""),
            ("shop/api.py", """
                from rest_framework import generics, mixins, viewsets
                from rest_framework.decorators import action


                class Base(viewsets.GenericViewSet):
                    throttle_classes = [ScopedRateThrottle]


                class Orders(mixins.CreateModelMixin, Base):
                    http_method_names = ["get", "post", "delete"]

                    @action(detail=True, methods=["delete"])
                    def cancel(self, request, pk=None):
                        pass


                class Products(generics.ListAPIView):
                    pass
                """),
            ("shop/tests.py", "from rest_framework.views import APIView\n\nclass FakeView(APIView):\n    pass\n"));
        var views = project.Code.Views.Views;
        Assert.Equal(["Base", "Orders", "Products"], views.Select(v => v.Name));
        var orders = views[1];
        Assert.True(orders.IsDrf);
        Assert.Equal(["POST", "DELETE"], orders.WriteMethods);
        Assert.Equal(["ScopedRateThrottle"], orders.ThrottleClasses!.Names);
        Assert.Equal("shop/api.py:6:5", orders.ThrottleClasses.Location.ToString());
        Assert.Empty(views[2].WriteMethods!);
    }

    [Fact]
    public void A_file_that_does_not_parse_is_reported_and_facts_go_on()
    {
        using var dir = new TempDirectory();
        var project = Project(dir,
            ("manage.py", Manage),
            ("shop/__init__.py", ""),
            ("shop/broken.py", "def broken(:\n    pass\n"),
            ("shop/views.py", "from django.views.decorators.csrf import csrf_exempt\n\n@csrf_exempt\ndef hook(request):\n    pass\n"));
        var view = Assert.Single(project.Code.Views.Views);
        Assert.Equal("hook", view.Name);
        Assert.Contains(project.Diagnostics.ParseErrors, e => e.Path == "shop/broken.py" && e.Line == 1);
        Assert.Same(project.Code.Sources.Get("shop/views.py"), project.Code.Sources.Get("shop/views.py"));
    }

    [Fact]
    public void A_class_view_inherits_across_files_and_through_a_name_two_files_define_only_as_imported()
    {
        // Each file is parsed and dropped on its own (only a small extract is kept): what a view
        // inherits from a class in another file must still be found. A base name defined twice is
        // followed to the module it is imported from, and not followed when that cannot be told.
        using var dir = new TempDirectory();
        var project = Project(dir,
            ("manage.py", Manage),
            ("shop/__init__.py", ""),
            ("shop/mixins.py", """
                from django.utils.decorators import method_decorator
                from django.views.decorators.csrf import csrf_exempt


                @method_decorator(csrf_exempt, name="dispatch")
                class Hooked:
                    permission_classes = [AllowAny]

                    def create(self, request):
                        pass


                class Twice:
                    permission_classes = [IsAdminUser]
                """),
            ("shop/other.py", "class Twice:\n    throttle_classes = []\n"),
            ("shop/views.py", """
                from rest_framework.views import APIView
                from shop import other as elsewhere
                from shop.mixins import Hooked, Twice


                class Inbox(Hooked, APIView):
                    pass


                class Reports(Twice, APIView):
                    pass


                class Audits(elsewhere.Twice, APIView):
                    pass
                """));
        var views = project.Code.Views.Views;
        Assert.Equal(["Hooked", "Inbox", "Reports", "Audits"], views.Select(v => v.Name));
        var inbox = views[1];
        Assert.Equal("shop/views.py:6:1", inbox.Location.ToString());
        Assert.True(inbox.IsDrf);
        Assert.Equal("shop/mixins.py:5:2", inbox.CsrfExempt?.ToString());
        Assert.Equal(["AllowAny"], inbox.PermissionClasses!.Names);
        Assert.Equal("shop/mixins.py:7:5", inbox.PermissionClasses.Location.ToString());
        Assert.Equal(["POST"], inbox.WriteMethods);
        var reports = views[2];
        Assert.Equal(["IsAdminUser"], reports.PermissionClasses!.Names);
        Assert.Null(reports.ThrottleClasses);
        Assert.Null(reports.CsrfExempt);
        // "elsewhere" names no file: which Twice is meant is not told, so neither is followed.
        var audits = views[3];
        Assert.Null(audits.PermissionClasses);
        Assert.Null(audits.ThrottleClasses);
    }

    [Fact]
    public void A_bare_init_is_sentry_only_in_the_file_that_imports_it()
    {
        using var dir = new TempDirectory();
        var project = Project(dir,
            ("manage.py", Manage),
            ("proj/__init__.py", ""),
            ("proj/monitoring.py", "from sentry_sdk import init\n\ninit(dsn=DSN, send_default_pii=True)\n"),
            ("proj/jobs.py", "from jobs import init\n\ninit(dsn=DSN)\nrollbar.init(TOKEN)\n"));
        var inits = project.Code.ErrorTrackers.Inits;
        Assert.Equal(["Rollbar proj/jobs.py:4:1", "Sentry proj/monitoring.py:3:1"], inits.Select(i => $"{i.Tracker} {i.Location}"));
        Assert.True(inits[1].SendDefaultPii);
        Assert.Equal("proj/monitoring.py:3:15", inits[1].SendDefaultPiiLocation?.ToString());
    }
}
