// The tests use Unix file modes and POSIX signals; the project targets Linux machines and CI.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
