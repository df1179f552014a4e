using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace SubsetCheck
{
    /// <summary>One public or protected type of the device API, as api.tsv lists it.</summary>
    public sealed class ApiType
    {
        public string Assembly { get; init; }

        /// <summary>Metadata-style full name: nested types joined with '+', generic arity as `N.</summary>
        public string FullName { get; init; }

        /// <summary>class, struct, interface, enum or delegate.</summary>
        public string Kind { get; init; }

        public IReadOnlyList<string> Flags { get; init; }

        /// <summary>The names after " : " on the type line: base type (if a class) and interfaces, in order.</summary>
        public IReadOnlyList<string> Bases { get; init; }

        public List<ApiMember> Members { get; } = new List<ApiMember>();

        public bool Has(string flag) => Flags.Contains(flag);

        public int Arity
        {
            get
            {
                int tick = FullName.LastIndexOf('`');
                return tick < 0 ? 0 : int.Parse(FullName.Substring(tick + 1));
            }
        }

        public override string ToString() => FullName;
    }

    /// <summary>One parameter of a member: its api.tsv type, name, params flag and default value text.</summary>
    public sealed class ApiParameter
    {
        public string Type { get; init; }

        public string Name { get; set; }

        public bool IsParams { get; set; }

        public string Default { get; set; }
    }

    /// <summary>One member line of api.tsv.</summary>
    public sealed class ApiMember
    {
        public ApiType DeclaringType { get; init; }

        /// <summary>method, ctor, operator, property, field, event or enum-member.</summary>
        public string Kind { get; init; }

        public IReadOnlyList<string> Flags { get; init; }

        public string Name { get; init; }

        /// <summary>Parameters (methods, ctors, operators, indexers); empty otherwise.</summary>
        public List<ApiParameter> Parameters { get; } = new List<ApiParameter>();

        /// <summary>Return type, property/field/event type; null for ctors and enum members.</summary>
        public string Type { get; init; }

        public bool HasGetter { get; init; }

        public bool HasSetter { get; init; }

        /// <summary>Constant or enum member value as printed in api.tsv.</summary>
        public string Value { get; init; }

        /// <summary>The member text as api.tsv prints it (after "Type::").</summary>
        public string Text { get; init; }

        public bool Has(string flag) => Flags.Contains(flag);

        public bool IsStatic => Has("static") || Kind == "operator" || Has("const");

        public override string ToString() => DeclaringType.FullName + "::" + Text;
    }

    /// <summary>
    /// The parsed api.tsv (the project's copy of the nanoFramework API list), plus the lines of
    /// <see cref="CompilerAllowances.ExtraApiLines"/>. It answers which types and members exist on the device.
    /// </summary>
    public sealed class ApiCatalog
    {
        private readonly Dictionary<string, ApiType> _types = new Dictionary<string, ApiType>(StringComparer.Ordinal);
        private HashSet<string> _memberKeys;

        private ApiCatalog()
        {
        }

        public IReadOnlyDictionary<string, ApiType> Types => _types;

        public IEnumerable<string> Assemblies => _types.Values.Select(t => t.Assembly).Distinct();

        private static readonly Lazy<ApiCatalog> Embedded = new Lazy<ApiCatalog>(LoadEmbedded);

        /// <summary>The catalog of the copy of api.tsv embedded in this assembly (parsed once per process).</summary>
        public static ApiCatalog Default => Embedded.Value;

        private static ApiCatalog LoadEmbedded()
        {
            using Stream stream = typeof(ApiCatalog).Assembly.GetManifestResourceStream("nanoframework-api.tsv")
                ?? throw new InvalidOperationException("nanoframework-api.tsv is not embedded");
            using var reader = new StreamReader(stream);
            return Parse(reader.ReadToEnd().Split('\n').Concat(CompilerAllowances.ExtraApiLines));
        }

        public static ApiCatalog Parse(IEnumerable<string> lines)
        {
            var catalog = new ApiCatalog();
            var pendingMembers = new List<string[]>();
            foreach (string raw in lines)
            {
                string line = raw.TrimEnd('\r');
                if (line.Length == 0 || line.StartsWith("#", StringComparison.Ordinal))
                {
                    continue;
                }

                string[] cols = line.Split('\t');
                if (cols.Length < 3)
                {
                    throw new FormatException("api.tsv line with fewer than 3 columns: " + line);
                }

                if (cols[1].Contains("::", StringComparison.Ordinal))
                {
                    pendingMembers.Add(cols);
                }
                else
                {
                    catalog.AddType(cols);
                }
            }

            foreach (string[] cols in pendingMembers)
            {
                catalog.AddMember(cols);
            }

            return catalog;
        }

        private static string[] ParseFlags(string column)
        {
            return column.Trim().TrimStart('[').TrimEnd(']').Split(',', StringSplitOptions.RemoveEmptyEntries);
        }

        private void AddType(string[] cols)
        {
            string[] flags = ParseFlags(cols[2]);
            string text = cols[1];
            string[] bases = Array.Empty<string>();
            int colon = text.IndexOf(" : ", StringComparison.Ordinal);
            if (colon >= 0)
            {
                bases = text.Substring(colon + 3).Split(',').Select(s => s.Trim()).ToArray();
                text = text.Substring(0, colon);
            }

            var type = new ApiType
            {
                Assembly = cols[0],
                FullName = text.Trim(),
                Kind = flags[0],
                Flags = flags.Skip(1).ToArray(),
                Bases = bases,
            };
            _types[type.FullName] = type;
        }

        private void AddMember(string[] cols)
        {
            string text = cols[1];
            int sep = text.IndexOf("::", StringComparison.Ordinal);
            string typeName = text.Substring(0, sep);
            string rest = text.Substring(sep + 2);
            if (!_types.TryGetValue(typeName, out ApiType type))
            {
                throw new FormatException("api.tsv member of an unlisted type: " + text);
            }

            string[] flags = ParseFlags(cols[2]);
            string kind = flags[0];
            string name;
            string memberType = null;
            string value = null;
            bool get = false, set = false;
            var parameterTypes = new List<string>();

            if (kind == "enum-member")
            {
                int eq = rest.IndexOf(" = ", StringComparison.Ordinal);
                name = rest.Substring(0, eq);
                value = rest.Substring(eq + 3);
            }
            else if (kind == "method" || kind == "ctor" || kind == "operator")
            {
                int open = rest.IndexOf('(');
                int close = rest.IndexOf(')', open);
                name = rest.Substring(0, open);
                parameterTypes.AddRange(SplitList(rest.Substring(open + 1, close - open - 1)));
                int colon = rest.IndexOf(" : ", close, StringComparison.Ordinal);
                memberType = colon < 0 ? null : rest.Substring(colon + 3).Trim();
            }
            else
            {
                // property "Name[Index] : T {get;set;}", field "Name : T [= value]", event "Name : T".
                int colon = rest.IndexOf(" : ", StringComparison.Ordinal);
                string head = rest.Substring(0, colon);
                string tail = rest.Substring(colon + 3);
                int bracket = head.IndexOf('[');
                if (bracket >= 0)
                {
                    parameterTypes.AddRange(SplitList(head.Substring(bracket + 1, head.Length - bracket - 2)));
                    head = head.Substring(0, bracket);
                }

                name = head;
                int brace = tail.IndexOf(" {", StringComparison.Ordinal);
                if (brace >= 0)
                {
                    get = tail.Contains("get;", StringComparison.Ordinal);
                    set = tail.Contains("set;", StringComparison.Ordinal);
                    tail = tail.Substring(0, brace);
                }

                int eq = tail.IndexOf(" = ", StringComparison.Ordinal);
                if (eq >= 0)
                {
                    value = tail.Substring(eq + 3);
                    tail = tail.Substring(0, eq);
                }

                memberType = tail.Trim();
            }

            var member = new ApiMember
            {
                DeclaringType = type,
                Kind = kind,
                Flags = flags.Skip(1).ToArray(),
                Name = name,
                Type = memberType,
                HasGetter = get,
                HasSetter = set,
                Value = value,
                Text = rest,
            };

            string[] names = cols.Length > 3 ? SplitNames(cols[3]) : Array.Empty<string>();
            for (int i = 0; i < parameterTypes.Count; i++)
            {
                var parameter = new ApiParameter { Type = parameterTypes[i], Name = "p" + i };
                if (i < names.Length)
                {
                    string n = names[i];
                    int eq = n.IndexOf(" = ", StringComparison.Ordinal);
                    if (eq >= 0)
                    {
                        parameter.Default = n.Substring(eq + 3).Trim();
                        n = n.Substring(0, eq);
                    }

                    if (n.StartsWith("params ", StringComparison.Ordinal))
                    {
                        parameter.IsParams = true;
                        n = n.Substring(7);
                    }

                    parameter.Name = n.Trim();
                }

                member.Parameters.Add(parameter);
            }

            type.Members.Add(member);
        }

        private static IEnumerable<string> SplitList(string list)
        {
            return list.Length == 0 ? Array.Empty<string>() : list.Split(',').Select(s => s.Trim());
        }

        /// <summary>Splits "(a, b = ",", params c)" respecting quoted default values.</summary>
        private static string[] SplitNames(string column)
        {
            string s = column.Trim();
            if (s.StartsWith("(", StringComparison.Ordinal) && s.EndsWith(")", StringComparison.Ordinal))
            {
                s = s.Substring(1, s.Length - 2);
            }

            var parts = new List<string>();
            var current = new System.Text.StringBuilder();
            char quote = '\0';
            foreach (char c in s)
            {
                if (quote != '\0')
                {
                    current.Append(c);
                    if (c == quote)
                    {
                        quote = '\0';
                    }
                }
                else if (c == '"' || c == '\'')
                {
                    quote = c;
                    current.Append(c);
                }
                else if (c == ',')
                {
                    parts.Add(current.ToString().Trim());
                    current.Clear();
                }
                else
                {
                    current.Append(c);
                }
            }

            if (current.Length > 0)
            {
                parts.Add(current.ToString().Trim());
            }

            return parts.ToArray();
        }

        public bool TryGetType(string fullName, out ApiType type) => _types.TryGetValue(fullName, out type);

        /// <summary>
        /// Whether a member reference, written as api.tsv would print it ("Type::Name(P1,P2) : R" for methods, with
        /// accessors as get_X/set_X/add_X/remove_X and constructors returning System.Void; "Type::Name : T" for
        /// fields), names a member the device has.
        /// </summary>
        public bool HasMember(string key)
        {
            if (_memberKeys == null)
            {
                var keys = new HashSet<string>(StringComparer.Ordinal);
                foreach (ApiType type in _types.Values)
                {
                    foreach (ApiMember m in type.Members)
                    {
                        foreach (string k in MemberKeys(m))
                        {
                            keys.Add(k);
                        }
                    }
                }

                _memberKeys = keys;
            }

            return _memberKeys.Contains(key);
        }

        private static IEnumerable<string> MemberKeys(ApiMember m)
        {
            string prefix = m.DeclaringType.FullName + "::";
            string args = string.Join(",", m.Parameters.Select(p => p.Type));
            switch (m.Kind)
            {
                case "method":
                case "operator":
                    yield return prefix + m.Name + "(" + args + ") : " + m.Type;
                    break;
                case "ctor":
                    yield return prefix + m.Name + "(" + args + ") : System.Void";
                    break;
                case "property":
                    if (m.HasGetter)
                    {
                        yield return prefix + "get_" + m.Name + "(" + args + ") : " + m.Type;
                    }

                    if (m.HasSetter)
                    {
                        yield return prefix + "set_" + m.Name + "(" + (args.Length == 0 ? m.Type : args + "," + m.Type) + ") : System.Void";
                    }

                    break;
                case "event":
                    yield return prefix + "add_" + m.Name + "(" + m.Type + ") : System.Void";
                    yield return prefix + "remove_" + m.Name + "(" + m.Type + ") : System.Void";
                    break;
                case "field":
                    yield return prefix + m.Name + " : " + m.Type;
                    break;
                case "enum-member":
                    yield return prefix + m.Name + " : " + m.DeclaringType.FullName;
                    break;
            }
        }
    }
}
