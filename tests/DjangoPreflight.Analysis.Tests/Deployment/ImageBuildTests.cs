using DjangoPreflight.Analysis.Deployment.Docker;

namespace DjangoPreflight.Analysis.Tests.Deployment;

/// <summary>Which Dockerfile a <c>docker build</c> line builds and the image names it tags.</summary>
public sealed class ImageBuildTests
{
    [Theory]
    [InlineData("docker build --no-cache --build-arg BASE=x -t pub.example.eu/acme/ledger:latest .", "", "Dockerfile", "acme/ledger")]
    [InlineData("docker buildx build --platform linux/amd64 --tag=acme/ledger:1.2 -f docker/Dockerfile.prod .", "", "docker/Dockerfile.prod", "acme/ledger")]
    [InlineData("podman build -t localhost:5000/ledger@sha256:abc backend && docker push x", "deploy", "deploy/backend/Dockerfile", "ledger")]
    [InlineData("docker build -t docker.io/library/ledger ../app", "ops/scripts", "ops/app/Dockerfile", "ledger")]
    public void A_build_line_names_its_Dockerfile_and_tags(string command, string folder, string dockerfile, string tag)
    {
        var build = ImageBuild.Parse(command, folder);
        Assert.NotNull(build);
        Assert.Equal(dockerfile, build.Dockerfile);
        Assert.Equal([tag], build.Tags);
    }

    [Theory]
    [InlineData("docker build .")] // no tag: nothing can name the image
    [InlineData("docker run -t acme/ledger .")]
    [InlineData("docker build -t acme/ledger https://github.com/acme/ledger.git")]
    [InlineData("docker build -t $(IMAGE) .")]
    [InlineData("npm run build -t acme/ledger .")]
    public void Other_lines_build_no_named_image(string command) => Assert.Null(ImageBuild.Parse(command, ""));
}
