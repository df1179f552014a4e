using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("OmaDm.Notification.Builders")]
[assembly: AssemblyDescription("Encoders for package #0, WSP push PDUs and SMS-DELIVER TPDUs (the server side of the wire), for tools and tests.")]
[assembly: AssemblyProduct("OmaDm.Notification")]
[assembly: AssemblyCopyright("Copyright (c) 2026 the OmaDm.Notification authors")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("1.0.0.0")]
[assembly: AssemblyFileVersion("1.0.0.0")]
