using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("OmaDm.Notification.DeviceBenchmarks")]
[assembly: AssemblyDescription("Device cost of each notification path, measured in the runtime it runs in.")]
[assembly: AssemblyProduct("OmaDm.Notification")]
[assembly: AssemblyCopyright("Copyright (c) 2026 the OmaDm.Notification authors")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("1.0.0.0")]
[assembly: AssemblyFileVersion("1.0.0.0")]
