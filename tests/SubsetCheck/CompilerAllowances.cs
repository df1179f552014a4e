using System.Collections.Generic;

namespace SubsetCheck
{
    /// <summary>
    /// THE one place where the stubs differ from a literal reading of api.tsv. Each entry says why. api.tsv is a list
    /// of signatures; a few facts the C# compiler needs are not in it (out vs ref, attribute usage), and nothing may
    /// be added here that the real nanoFramework libraries lack.
    /// </summary>
    public static class CompilerAllowances
    {
        /// <summary>
        /// Extra api.tsv lines (same format) for types or members the compiler needs and the real libraries have but
        /// api.tsv does not print. Empty today: everything ordinary device code makes the compiler reach for
        /// (Monitor.Enter(object)/Exit, String.Concat/Format, Delegate.Combine/Remove, RuntimeHelpers.InitializeArray,
        /// Type.GetTypeFromHandle, IsExternalInit, ExtensionAttribute, ParamArrayAttribute, AttributeUsageAttribute,
        /// IDisposable, IEnumerable/IEnumerator) is listed. Attributes the compiler only emits when present
        /// (CompilerGenerated, Nullable, RuntimeCompatibility) are internal or absent in the real mscorlib, so the
        /// device build goes without them too and so do the stubs.
        /// </summary>
        public static readonly IReadOnlyList<string> ExtraApiLines = new string[0];

        /// <summary>
        /// api.tsv prints ref and out parameters alike as "T&amp;". These are the members whose by-reference
        /// parameters are <c>out</c> in the real libraries (the Try pattern, deconstruction and the native out-only
        /// getters); every other "&amp;" is <c>ref</c> (Interlocked.*, Socket.ReceiveFrom/UdpClient.Receive's
        /// EndPoint). Getting this wrong would reject correct calls (<c>int.TryParse(s, out n)</c>).
        /// Key: "Type::Method"; value: the by-reference parameter indexes that are out (null = all of them).
        /// </summary>
        public static readonly IReadOnlyDictionary<string, int[]> OutParameters = new Dictionary<string, int[]>
        {
            ["System.Byte::TryParse"] = null,
            ["System.DateTime::TryParse"] = null,
            ["System.Double::TryParse"] = null,
            ["System.Guid::TryParseGuidWithDashes"] = null,
            ["System.Int16::TryParse"] = null,
            ["System.Int32::TryParse"] = null,
            ["System.Int64::TryParse"] = null,
            ["System.SByte::TryParse"] = null,
            ["System.Single::TryParse"] = null,
            ["System.UInt16::TryParse"] = null,
            ["System.UInt32::TryParse"] = null,
            ["System.UInt64::TryParse"] = null,
            ["System.Text.Decoder::Convert"] = null,
            ["nanoFramework.Hardware.Esp32.NativeMemory::GetMemoryInfo"] = null,
            ["System.Device.Gpio.PinValuePair::Deconstruct"] = null,
        };

        /// <summary>
        /// api.tsv does not print [AttributeUsage]. Without it an attribute may be applied once per target; these are
        /// declared AllowMultiple = true in the real libraries and device code applies them more than once
        /// (several [DataRow] on one test, several InternalsVisibleTo, several Conditional).
        /// </summary>
        public static readonly IReadOnlyCollection<string> MultiUseAttributes = new[]
        {
            "nanoFramework.TestFramework.DataRowAttribute",
            "System.Runtime.CompilerServices.InternalsVisibleToAttribute",
            "System.Diagnostics.ConditionalAttribute",
        };

        /// <summary>
        /// Members left out of the stubs: C# cannot declare a method named Finalize that overrides or hides
        /// Object.Finalize (it must be written as a destructor), and Object.Finalize itself is not public API.
        /// Device code never calls Finalize, so leaving them out rejects nothing real.
        /// </summary>
        public static readonly IReadOnlyCollection<string> SkippedMemberNames = new[] { "Finalize" };
    }
}
