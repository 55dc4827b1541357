using System.Runtime.Versioning;

// The sandbox is built from Linux namespaces, overlayfs, cgroups and seccomp.
[assembly: SupportedOSPlatform("linux")]
