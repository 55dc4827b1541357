using System.Runtime.Versioning;

// Detektr's sandbox is Linux-only, and so is the tool.
[assembly: SupportedOSPlatform("linux")]
