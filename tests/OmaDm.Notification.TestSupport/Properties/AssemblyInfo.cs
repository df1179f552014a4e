using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("OmaDm.Notification.TestSupport")]
[assembly: AssemblyDescription("Test vectors, scripted modems, clocks and fault-injecting stores shared by the unit-test assemblies.")]
[assembly: AssemblyProduct("OmaDm.Notification")]
[assembly: AssemblyCopyright("Copyright (c) 2026 the OmaDm.Notification authors")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("1.0.0.0")]
[assembly: AssemblyFileVersion("1.0.0.0")]
