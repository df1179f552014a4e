using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("OmaDm.Notification.Firmware")]
[assembly: AssemblyDescription("ESP32 firmware library: board profiles, the notification service, modem bearers and the watchdog; the application (OmaDm.Notification.Firmware.App) runs it.")]
[assembly: AssemblyProduct("OmaDm.Notification")]
[assembly: AssemblyCopyright("Copyright (c) 2026 the OmaDm.Notification authors")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("1.0.0.0")]
[assembly: AssemblyFileVersion("1.0.0.0")]
