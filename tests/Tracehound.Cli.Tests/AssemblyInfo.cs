// The tests use Unix file modes; the project targets Linux machines and CI.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
