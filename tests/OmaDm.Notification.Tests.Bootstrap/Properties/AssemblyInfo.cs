using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("NFUnitTest")]
[assembly: AssemblyDescription("Bootstrap (WBXML, CP and DM-profile) unit tests, run in the nanoFramework emulator and on the host.")]
[assembly: AssemblyProduct("OmaDm.Notification")]
[assembly: AssemblyCopyright("Copyright (c) 2026 the OmaDm.Notification authors")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("1.0.0.0")]
[assembly: AssemblyFileVersion("1.0.0.0")]
