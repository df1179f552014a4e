using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("OmaDm.Notification.Firmware.App")]
[assembly: AssemblyDescription("ESP32 application: Main, pins and Wi-Fi over the OmaDm.Notification.Firmware library.")]
[assembly: AssemblyProduct("OmaDm.Notification")]
[assembly: AssemblyCopyright("Copyright (c) 2026 the OmaDm.Notification authors")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("1.0.0.0")]
[assembly: AssemblyFileVersion("1.0.0.0")]
