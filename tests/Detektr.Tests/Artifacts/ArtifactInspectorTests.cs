using Detektr.Artifacts;
using Detektr.Tests.TestSupport;

namespace Detektr.Tests.Artifacts;

public sealed class ArtifactInspectorTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void An_elf_binary_runs_directly()
    {
        var copy = Path.Combine(_directory.Path, "sample");
        File.Copy("/bin/true", copy);

        var artifact = ArtifactInspector.Inspect(copy).Artifact!;

        Assert.Equal(ArtifactKind.Elf, artifact.Kind);
        Assert.Equal(Sha256Hash.OfFile("/bin/true"), artifact.Sha256);
        Assert.Equal(new FileInfo("/bin/true").Length, artifact.Size);
    }

    [Theory]
    [InlineData("#!/bin/sh\necho hi\n", ArtifactKind.ShellScript, "/bin/sh", null)]
    [InlineData("#!/usr/bin/env python3\nprint(1)\n", ArtifactKind.PythonScript, "/usr/bin/env", "python3")]
    [InlineData("#!/usr/bin/perl -w\nprint 1;\n", ArtifactKind.PerlScript, "/usr/bin/perl", "-w")]
    public void A_script_is_run_by_the_interpreter_its_shebang_names(string content, ArtifactKind kind, string interpreter, string? argument)
    {
        var artifact = ArtifactInspector.Inspect(_directory.File("x", content)).Artifact!;

        Assert.Equal((kind, interpreter, argument, true), (artifact.Kind, artifact.Interpreter, artifact.InterpreterArgument, artifact.HasShebang));
    }

    [Theory]
    [InlineData("drop.py", ArtifactKind.PythonScript, "/usr/bin/python3")]
    [InlineData("drop.sh", ArtifactKind.ShellScript, "/bin/sh")]
    [InlineData("drop.pl", ArtifactKind.PerlScript, "/usr/bin/perl")]
    public void A_script_without_shebang_is_recognised_by_its_extension(string name, ArtifactKind kind, string interpreter)
    {
        var artifact = ArtifactInspector.Inspect(_directory.File(name, "x = 1\n")).Artifact!;

        Assert.Equal((kind, interpreter, false), (artifact.Kind, artifact.Interpreter, artifact.HasShebang));
    }

    [Fact]
    public void An_explicit_type_overrides_detection()
    {
        var artifact = ArtifactInspector.Inspect(_directory.File("payload.bin", "print('x')\n"), ArtifactKind.PythonScript).Artifact!;

        Assert.Equal("/usr/bin/python3", artifact.Interpreter);
    }

    [Fact]
    public void A_missing_file_is_reported()
    {
        var problem = ArtifactInspector.Inspect(Path.Combine(_directory.Path, "absent")).Problem!;

        Assert.Equal(ArtifactProblemKind.NotFound, problem.Kind);
        Assert.Contains("does not exist", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_is_not_an_artifact() =>
        Assert.Equal(ArtifactProblemKind.NotAFile, ArtifactInspector.Inspect(_directory.Path).Problem!.Kind);

    [Fact]
    public void An_empty_file_is_reported() =>
        Assert.Equal(ArtifactProblemKind.Empty, ArtifactInspector.Inspect(_directory.File("empty", "")).Problem!.Kind);

    [Fact]
    public void Data_without_a_known_type_is_refused_with_advice()
    {
        var problem = ArtifactInspector.Inspect(_directory.File("blob.dat", "\u0001\u0002random")).Problem!;

        Assert.Equal(ArtifactProblemKind.UnknownType, problem.Kind);
        Assert.Contains("--type", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_interpreter_is_reported()
    {
        var problem = ArtifactInspector.Inspect(_directory.File("x", "#!/opt/nowhere/ruby\nputs 1\n")).Problem!;

        Assert.Equal(ArtifactProblemKind.MissingInterpreter, problem.Kind);
        Assert.Contains("/opt/nowhere/ruby", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Elf_binaries_for_other_machines_are_refused()
    {
        var header = new byte[64];
        "\u007FELF"u8.CopyTo(header);
        header[4] = 2;
        header[18] = 183; // AArch64
        var path = Path.Combine(_directory.Path, "arm");
        File.WriteAllBytes(path, header);

        var problem = ArtifactInspector.Inspect(path).Problem!;

        Assert.Equal(ArtifactProblemKind.UnsupportedArchitecture, problem.Kind);
        Assert.Contains("AArch64", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F', 2 }, "elf")]
    [InlineData(new byte[] { (byte)'#', (byte)'!', (byte)'/' }, "script")]
    [InlineData(new byte[] { (byte)'h', (byte)'i', (byte)'\n' }, "text")]
    [InlineData(new byte[] { 0, 1, 2 }, "data")]
    [InlineData(new byte[0], "empty")]
    public void Content_types_are_named_from_the_first_bytes(byte[] header, string type) =>
        Assert.Equal(type, ArtifactInspector.ContentType(header));
}
