using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace SubsetCheck
{
    /// <summary>
    /// Reads a device assembly compiled against the stubs and reports what the nanoFramework 1.x runtime cannot
    /// take although it compiles: generic type, method and delegate definitions and any generic instantiation
    /// (TypeSpec, MethodSpec, or inside a field, method, local or member-reference signature). It also checks every
    /// TypeRef and MemberRef into a nanoFramework assembly against api.tsv (belt and braces: after a clean compile
    /// against the stubs these can only fail if the stubs were wrong).
    /// </summary>
    public static class MetadataScanner
    {
        /// <summary>
        /// The findings, each with its owner: the "Type" or "Type::Member" of the device assembly it was found in
        /// (null when it has none), so the caller can point at the source.
        /// </summary>
        public static List<(string Message, string Owner)> Scan(byte[] image, ApiCatalog catalog, ISet<string> stubAssemblies)
        {
            var findings = new List<(string, string)>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            string owner = null;
            void Report(string message)
            {
                if (seen.Add(message))
                {
                    findings.Add((message, owner));
                }
            }

            using var pe = new PEReader(new MemoryStream(image));
            MetadataReader md = pe.GetMetadataReader();
            var provider = new NameProvider(md);

            void CheckSignature(string where, Action decode)
            {
                provider.Instantiations.Clear();
                decode();
                foreach (string g in provider.Instantiations)
                {
                    Report("generic instantiation " + g + " in " + where);
                }
            }

            foreach (TypeDefinitionHandle h in md.TypeDefinitions)
            {
                TypeDefinition type = md.GetTypeDefinition(h);
                string typeName = NameProvider.TypeDefName(md, h);
                owner = typeName;
                if (type.GetGenericParameters().Count > 0)
                {
                    bool isDelegate = !type.BaseType.IsNil && provider.TypeName(type.BaseType) == "System.MulticastDelegate";
                    Report((isDelegate ? "generic delegate definition " : "generic type definition ") + typeName);
                }

                foreach (FieldDefinitionHandle fh in type.GetFields())
                {
                    FieldDefinition field = md.GetFieldDefinition(fh);
                    owner = typeName + "::" + md.GetString(field.Name);
                    CheckSignature(typeName + "::" + md.GetString(field.Name), () => field.DecodeSignature(provider, null));
                }

                foreach (MethodDefinitionHandle mh in type.GetMethods())
                {
                    MethodDefinition method = md.GetMethodDefinition(mh);
                    string methodName = typeName + "::" + md.GetString(method.Name);
                    owner = methodName;
                    if (method.GetGenericParameters().Count > 0)
                    {
                        Report("generic method definition " + methodName);
                    }

                    CheckSignature(methodName, () => method.DecodeSignature(provider, null));
                    if (method.RelativeVirtualAddress != 0)
                    {
                        MethodBodyBlock body = pe.GetMethodBody(method.RelativeVirtualAddress);
                        if (!body.LocalSignature.IsNil)
                        {
                            StandaloneSignature locals = md.GetStandaloneSignature(body.LocalSignature);
                            CheckSignature(methodName + " (locals)", () => locals.DecodeLocalSignature(provider, null));
                        }
                    }
                }

                foreach (PropertyDefinitionHandle ph in type.GetProperties())
                {
                    PropertyDefinition property = md.GetPropertyDefinition(ph);
                    owner = typeName + "::" + md.GetString(property.Name);
                    CheckSignature(typeName + "::" + md.GetString(property.Name), () => property.DecodeSignature(provider, null));
                }
            }

            owner = null;
            for (int row = 1; row <= md.GetTableRowCount(TableIndex.TypeSpec); row++)
            {
                TypeSpecificationHandle h = MetadataTokens.TypeSpecificationHandle(row);
                CheckSignature("a type reference", () => md.GetTypeSpecification(h).DecodeSignature(provider, null));
            }

            for (int row = 1; row <= md.GetTableRowCount(TableIndex.MethodSpec); row++)
            {
                MethodSpecification spec = md.GetMethodSpecification(MetadataTokens.MethodSpecificationHandle(row));
                ImmutableArray<string> args = spec.DecodeSignature(provider, null);
                Report("generic method instantiation " + provider.MethodName(spec.Method) + "<" + string.Join(",", args) + ">");
            }

            foreach (TypeReferenceHandle h in md.TypeReferences)
            {
                string assembly = NameProvider.ScopeAssembly(md, h);
                string name = provider.TypeName(h);
                if (assembly != null && stubAssemblies.Contains(assembly)
                    && !(catalog.TryGetType(name, out ApiType type) && type.Assembly == assembly))
                {
                    Report("type " + name + " is not in api.tsv for " + assembly);
                }
            }

            foreach (MemberReferenceHandle h in md.MemberReferences)
            {
                MemberReference member = md.GetMemberReference(h);
                string where = provider.MethodName(h);
                string key = null;
                CheckSignature(where, () =>
                {
                    if (member.GetKind() == MemberReferenceKind.Method)
                    {
                        MethodSignature<string> sig = member.DecodeMethodSignature(provider, null);
                        key = where + "(" + string.Join(",", sig.ParameterTypes) + ") : " + sig.ReturnType;
                    }
                    else
                    {
                        key = where + " : " + member.DecodeFieldSignature(provider, null);
                    }
                });

                if (member.Parent.Kind == HandleKind.TypeReference)
                {
                    string assembly = NameProvider.ScopeAssembly(md, (TypeReferenceHandle)member.Parent);
                    if (assembly != null && stubAssemblies.Contains(assembly) && !catalog.HasMember(key))
                    {
                        Report("member " + key + " is not in api.tsv");
                    }
                }
            }

            return findings;
        }

        /// <summary>
        /// The api.tsv-style keys ("Type::get_X() : T", "Type::F : T", ...) of every public or protected method and
        /// field that an assembly declares on its public types, leaving out overrides (the overridden member is the
        /// one callers bind to). Used to prove the stubs add no API.
        /// </summary>
        public static List<string> DeclaredApi(MetadataReader md)
        {
            var provider = new NameProvider(md);
            var keys = new List<string>();
            foreach (TypeDefinitionHandle h in md.TypeDefinitions)
            {
                TypeDefinition type = md.GetTypeDefinition(h);
                System.Reflection.TypeAttributes visibility = type.Attributes & System.Reflection.TypeAttributes.VisibilityMask;
                if (visibility != System.Reflection.TypeAttributes.Public && visibility != System.Reflection.TypeAttributes.NestedPublic)
                {
                    continue;
                }

                string typeName = NameProvider.TypeDefName(md, h);
                bool isDelegate = !type.BaseType.IsNil && provider.TypeName(type.BaseType) == "System.MulticastDelegate";
                foreach (MethodDefinitionHandle mh in type.GetMethods())
                {
                    MethodDefinition method = md.GetMethodDefinition(mh);
                    System.Reflection.MethodAttributes a = method.Attributes;
                    System.Reflection.MethodAttributes access = a & System.Reflection.MethodAttributes.MemberAccessMask;
                    bool visible = access == System.Reflection.MethodAttributes.Public || access == System.Reflection.MethodAttributes.Family
                        || access == System.Reflection.MethodAttributes.FamORAssem;
                    bool isOverride = (a & System.Reflection.MethodAttributes.Virtual) != 0 && (a & System.Reflection.MethodAttributes.NewSlot) == 0;
                    if (!visible || isOverride || isDelegate)
                    {
                        continue;
                    }

                    MethodSignature<string> sig = method.DecodeSignature(provider, null);
                    keys.Add(typeName + "::" + md.GetString(method.Name) + "(" + string.Join(",", sig.ParameterTypes) + ") : " + sig.ReturnType);
                }

                foreach (FieldDefinitionHandle fh in type.GetFields())
                {
                    FieldDefinition field = md.GetFieldDefinition(fh);
                    System.Reflection.FieldAttributes access = field.Attributes & System.Reflection.FieldAttributes.FieldAccessMask;
                    bool visible = access == System.Reflection.FieldAttributes.Public || access == System.Reflection.FieldAttributes.Family
                        || access == System.Reflection.FieldAttributes.FamORAssem;
                    if (visible && (field.Attributes & System.Reflection.FieldAttributes.SpecialName) == 0)
                    {
                        keys.Add(typeName + "::" + md.GetString(field.Name) + " : " + field.DecodeSignature(provider, null));
                    }
                }
            }

            return keys;
        }

        /// <summary>Renders types the way api.tsv prints them and collects every generic instantiation it meets.</summary>
        private sealed class NameProvider : ISignatureTypeProvider<string, object>
        {
            private readonly MetadataReader _md;

            public NameProvider(MetadataReader md)
            {
                _md = md;
            }

            public List<string> Instantiations { get; } = new List<string>();

            public static string TypeDefName(MetadataReader md, TypeDefinitionHandle h)
            {
                TypeDefinition t = md.GetTypeDefinition(h);
                TypeDefinitionHandle declaring = t.GetDeclaringType();
                if (!declaring.IsNil)
                {
                    return TypeDefName(md, declaring) + "+" + md.GetString(t.Name);
                }

                string ns = md.GetString(t.Namespace);
                return ns.Length == 0 ? md.GetString(t.Name) : ns + "." + md.GetString(t.Name);
            }

            public static string TypeRefName(MetadataReader md, TypeReferenceHandle h)
            {
                TypeReference t = md.GetTypeReference(h);
                if (t.ResolutionScope.Kind == HandleKind.TypeReference)
                {
                    return TypeRefName(md, (TypeReferenceHandle)t.ResolutionScope) + "+" + md.GetString(t.Name);
                }

                string ns = md.GetString(t.Namespace);
                return ns.Length == 0 ? md.GetString(t.Name) : ns + "." + md.GetString(t.Name);
            }

            /// <summary>The assembly a TypeRef points into, or null if it is not an assembly reference.</summary>
            public static string ScopeAssembly(MetadataReader md, TypeReferenceHandle h)
            {
                TypeReference t = md.GetTypeReference(h);
                switch (t.ResolutionScope.Kind)
                {
                    case HandleKind.TypeReference:
                        return ScopeAssembly(md, (TypeReferenceHandle)t.ResolutionScope);
                    case HandleKind.AssemblyReference:
                        return md.GetString(md.GetAssemblyReference((AssemblyReferenceHandle)t.ResolutionScope).Name);
                    default:
                        return null;
                }
            }

            public string TypeName(EntityHandle h)
            {
                switch (h.Kind)
                {
                    case HandleKind.TypeDefinition:
                        return TypeDefName(_md, (TypeDefinitionHandle)h);
                    case HandleKind.TypeReference:
                        return TypeRefName(_md, (TypeReferenceHandle)h);
                    case HandleKind.TypeSpecification:
                        return _md.GetTypeSpecification((TypeSpecificationHandle)h).DecodeSignature(this, null);
                    default:
                        return h.Kind.ToString();
                }
            }

            /// <summary>"Type::Name" of a MethodDef or MemberRef.</summary>
            public string MethodName(EntityHandle h)
            {
                switch (h.Kind)
                {
                    case HandleKind.MethodDefinition:
                        MethodDefinition def = _md.GetMethodDefinition((MethodDefinitionHandle)h);
                        return TypeDefName(_md, def.GetDeclaringType()) + "::" + _md.GetString(def.Name);
                    case HandleKind.MemberReference:
                        MemberReference r = _md.GetMemberReference((MemberReferenceHandle)h);
                        string parent = r.Parent.Kind == HandleKind.MethodDefinition ? MethodName(r.Parent) : TypeName(r.Parent);
                        return parent + "::" + _md.GetString(r.Name);
                    default:
                        return h.Kind.ToString();
                }
            }

            public string GetPrimitiveType(PrimitiveTypeCode typeCode) => "System." + typeCode;

            public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => TypeDefName(reader, handle);

            public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => TypeRefName(reader, handle);

            public string GetTypeFromSpecification(MetadataReader reader, object genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
                reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

            public string GetSZArrayType(string elementType) => elementType + "[]";

            public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[" + new string(',', shape.Rank - 1) + "]";

            public string GetByReferenceType(string elementType) => elementType + "&";

            public string GetPointerType(string elementType) => elementType + "*";

            public string GetPinnedType(string elementType) => elementType;

            public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;

            public string GetFunctionPointerType(MethodSignature<string> signature) => "method*";

            public string GetGenericTypeParameter(object genericContext, int index) => "!" + index;

            public string GetGenericMethodParameter(object genericContext, int index) => "!!" + index;

            public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments)
            {
                string name = genericType + "<" + string.Join(",", typeArguments) + ">";
                Instantiations.Add(name);
                return name;
            }
        }
    }
}
