using System.Runtime.Versioning;

// The sandbox under test is Linux-only.
[assembly: SupportedOSPlatform("linux")]
