using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;

namespace SubsetCheck
{
    /// <summary>
    /// What an assembly puts into the string table of its nanoFramework image (.pe). The metadata processor (MDP)
    /// stores every name it keeps, every string literal and every string argument of a custom attribute (each
    /// [DataRow] string) once, UTF-8 with a terminating zero, and addresses the table with 16-bit offsets: past
    /// 65,536 bytes it refuses the assembly ("String table overflow"). Measured on the compiled .NET assembly: the
    /// #Strings heap (names: an upper bound, MDP drops parameter names), the #US heap's literals and the attributes'
    /// string arguments, each distinct string once, as UTF-8.
    /// </summary>
    public sealed class StringTableSize
    {
        /// <summary>The string table's addressable size: offsets are 16-bit.</summary>
        public const int Capacity = 65536;

        public int NameBytes { get; private set; }

        /// <summary>String literals (ldstr) and custom attributes' string arguments not already counted.</summary>
        public int LiteralBytes { get; private set; }

        public int LiteralCount { get; private set; }

        public int Total => NameBytes + LiteralBytes;

        public static StringTableSize Of(byte[] assembly)
        {
            using var reader = new PEReader(new MemoryStream(assembly));
            MetadataReader metadata = reader.GetMetadataReader();
            var size = new StringTableSize { NameBytes = metadata.GetHeapSize(HeapIndex.String) };
            var seen = new HashSet<string>(StringComparer.Ordinal);
            void Count(string literal)
            {
                if (!string.IsNullOrEmpty(literal) && seen.Add(literal))
                {
                    size.LiteralBytes += Encoding.UTF8.GetByteCount(literal) + 1;
                    size.LiteralCount++;
                }
            }

            UserStringHandle handle = MetadataTokens.UserStringHandle(1);
            int heap = metadata.GetHeapSize(HeapIndex.UserString);
            while (!handle.IsNil && MetadataTokens.GetHeapOffset(handle) < heap)
            {
                Count(metadata.GetUserString(handle));
                handle = metadata.GetNextHandle(handle);
            }

            var provider = new AttributeTypes();
            foreach (CustomAttributeHandle a in metadata.CustomAttributes)
            {
                CustomAttributeValue<string> value;
                try
                {
                    value = metadata.GetCustomAttribute(a).DecodeValue(provider);
                }
                catch (BadImageFormatException)
                {
                    continue;
                }
                catch (InvalidOperationException)
                {
                    continue;
                }

                foreach (CustomAttributeTypedArgument<string> argument in value.FixedArguments)
                {
                    CountArgument(argument, Count);
                }

                foreach (CustomAttributeNamedArgument<string> argument in value.NamedArguments)
                {
                    Count(argument.Name);
                    CountArgument(new CustomAttributeTypedArgument<string>(argument.Type, argument.Value), Count);
                }
            }

            return size;
        }

        private static void CountArgument(CustomAttributeTypedArgument<string> argument, Action<string> count)
        {
            if (argument.Value is string text)
            {
                count(text);
            }
            else if (argument.Value is ImmutableArray<CustomAttributeTypedArgument<string>> elements)
            {
                foreach (CustomAttributeTypedArgument<string> element in elements)
                {
                    CountArgument(element, count);
                }
            }
        }

        /// <summary>Just enough of a type provider to decode attribute blobs; enums are taken as Int32 (the usual case).</summary>
        private sealed class AttributeTypes : ICustomAttributeTypeProvider<string>
        {
            public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

            public string GetSystemType() => "System.Type";

            public string GetSZArrayType(string elementType) => elementType + "[]";

            public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
                reader.GetString(reader.GetTypeDefinition(handle).Name);

            public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) =>
                reader.GetString(reader.GetTypeReference(handle).Name);

            public string GetTypeFromSerializedName(string name) => name;

            public PrimitiveTypeCode GetUnderlyingEnumType(string type) => PrimitiveTypeCode.Int32;

            public bool IsSystemType(string type) => type == "System.Type" || type == "Type";
        }
    }
}
