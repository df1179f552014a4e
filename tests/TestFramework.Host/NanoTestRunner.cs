using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace nanoFramework.TestFramework.Host
{
    /// <summary>Outcome of one test case.</summary>
    public enum NanoTestOutcome
    {
        Passed,
        Failed,
        Skipped,
    }

    /// <summary>
    /// Runs nanoFramework.TestFramework tests on the host with the emulator's semantics:
    /// test, Setup and Cleanup methods are invoked with a <b>null instance</b> (so instance state fails as it does on the
    /// device), Setup runs once before the first test of its class and Cleanup once after the last, a Setup that skips
    /// skips the whole class, and a Setup that fails fails it.
    /// </summary>
    [StackTraceHidden]
    public static class NanoTestRunner
    {
        private static readonly object Gate = new object();
        private static readonly Dictionary<Type, ClassState> Classes = new Dictionary<Type, ClassState>();
        private static Dictionary<string, TestCase> _cases;

        /// <summary>Lists every test case id in <paramref name="assembly"/>, in declaration order.</summary>
        public static IReadOnlyList<string> Discover(Assembly assembly)
        {
            lock (Gate)
            {
                _cases ??= new Dictionary<string, TestCase>(StringComparer.Ordinal);
                var ids = new List<string>();
                foreach (Type type in assembly.GetTypes().Where(t => t.GetCustomAttribute<TestClassAttribute>() != null).OrderBy(t => t.FullName, StringComparer.Ordinal))
                {
                    foreach (MethodInfo method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly).OrderBy(m => m.MetadataToken))
                    {
                        if (method.GetCustomAttribute<TestMethodAttribute>() == null)
                        {
                            continue;
                        }

                        DataRowAttribute[] rows = method.GetCustomAttributes<DataRowAttribute>().ToArray();
                        if (rows.Length == 0)
                        {
                            string id = $"{type.FullName}.{method.Name}";
                            _cases[id] = new TestCase(type, method, null);
                            ids.Add(id);
                        }
                        else
                        {
                            for (int i = 0; i < rows.Length; i++)
                            {
                                string id = $"{type.FullName}.{method.Name}[{i}]({string.Join(", ", rows[i].MethodParameters.Select(Assert.Show))})";
                                _cases[id] = new TestCase(type, method, rows[i].MethodParameters);
                                ids.Add(id);
                            }
                        }
                    }
                }

                return ids;
            }
        }

        /// <summary>
        /// What a person reads for a case: <c>Class.Method</c>, or <c>Class.Method(arguments)</c> for a DataRow, with the
        /// class's short name (the namespace is the folder), never truncated; and where the test method is written (from
        /// the assembly's portable PDB, when there is one).
        /// </summary>
        public static NanoTestCaseInfo Describe(Assembly assembly, string id)
        {
            TestCase testCase = Find(assembly, id);
            string name = $"{testCase.Type.Name}.{testCase.Method.Name}";
            if (testCase.Arguments != null)
            {
                name += $"({string.Join(", ", testCase.Arguments.Select(ShowArgument))})";
            }

            SourceLocation.Find(testCase.Method, out string file, out int? line);
            return new NanoTestCaseInfo(testCase.Type.Name, testCase.Method.Name, name, file, line);
        }

        /// <summary>Runs one test case (running its class's Setup first if this is the class's first case).</summary>
        public static NanoTestOutcome Run(Assembly assembly, string id, out string message) => Run(assembly, id, out message, out Exception _);

        /// <summary>
        /// Runs one test case; for a failure, <paramref name="failure"/> is the exception the test threw, with its own stack
        /// trace (the assertion frames hidden, so the first frame is the test's file and line), or null when the class's
        /// Setup or instance state failed it.
        /// </summary>
        public static NanoTestOutcome Run(Assembly assembly, string id, out string message, out Exception failure)
        {
            failure = null;
            TestCase testCase;
            ClassState state;
            lock (Gate)
            {
                if (_cases == null || !_cases.ContainsKey(id))
                {
                    // Test discovery may have run in another process.
                    Discover(assembly);
                }

                if (!_cases.TryGetValue(id, out testCase))
                {
                    throw new ArgumentException($"Unknown test case '{id}'.", nameof(id));
                }

                if (!Classes.TryGetValue(testCase.Type, out state))
                {
                    state = SetUpClass(testCase.Type);
                    Classes[testCase.Type] = state;
                }
            }

            if (state.Outcome != NanoTestOutcome.Passed)
            {
                message = state.Message;
                return state.Outcome;
            }

            return Invoke(testCase.Method, testCase.Arguments, out message, out failure);
        }

        private static TestCase Find(Assembly assembly, string id)
        {
            lock (Gate)
            {
                if (_cases == null || !_cases.ContainsKey(id))
                {
                    Discover(assembly);
                }

                return _cases.TryGetValue(id, out TestCase testCase) ? testCase : throw new ArgumentException($"Unknown test case '{id}'.", nameof(id));
            }
        }

        private static string ShowArgument(object value) => value is string text ? $"\"{text}\"" : Assert.Show(value);

        /// <summary>Runs the Cleanup method of every class whose Setup ran. Call once after the last test.</summary>
        public static IReadOnlyList<string> RunCleanups() => RunCleanups(null);

        /// <summary>Runs the Cleanup method of every class of <paramref name="assembly"/> (all when null) whose Setup ran.</summary>
        public static IReadOnlyList<string> RunCleanups(Assembly assembly)
        {
            var failures = new List<string>();
            lock (Gate)
            {
                foreach (KeyValuePair<Type, ClassState> pair in Classes.ToArray())
                {
                    if (assembly != null && pair.Key.Assembly != assembly)
                    {
                        continue;
                    }

                    Classes.Remove(pair.Key);
                    if (pair.Value.Outcome != NanoTestOutcome.Passed)
                    {
                        continue;
                    }

                    foreach (MethodInfo cleanup in MethodsWith<CleanupAttribute>(pair.Key))
                    {
                        if (Invoke(cleanup, null, out string message) == NanoTestOutcome.Failed)
                        {
                            failures.Add($"{pair.Key.FullName}.{cleanup.Name}: {message}");
                        }
                    }
                }
            }

            return failures;
        }

        private static ClassState SetUpClass(Type type)
        {
            FieldInfo[] instanceFields = type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
            if (instanceFields.Length != 0)
            {
                return new ClassState(NanoTestOutcome.Failed,
                    $"{type.FullName} holds instance state ({string.Join(", ", instanceFields.Select(f => f.Name))}); nanoFramework invokes tests with a null instance.");
            }

            foreach (MethodInfo setup in MethodsWith<SetupAttribute>(type))
            {
                NanoTestOutcome outcome = Invoke(setup, null, out string message);
                if (outcome != NanoTestOutcome.Passed)
                {
                    return new ClassState(outcome, $"Setup {setup.Name}: {message}");
                }
            }

            return new ClassState(NanoTestOutcome.Passed, null);
        }

        private static IEnumerable<MethodInfo> MethodsWith<TAttribute>(Type type)
            where TAttribute : Attribute
            => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => m.GetCustomAttribute<TAttribute>() != null)
                .OrderBy(m => m.MetadataToken);

        private static NanoTestOutcome Invoke(MethodInfo method, object[] arguments, out string message) => Invoke(method, arguments, out message, out Exception _);

        private static NanoTestOutcome Invoke(MethodInfo method, object[] arguments, out string message, out Exception failure)
        {
            failure = null;
            try
            {
                NullInstanceInvoker(method)(arguments ?? Array.Empty<object>());
                message = null;
                return NanoTestOutcome.Passed;
            }
            catch (SkipTestException skip)
            {
                message = skip.Message;
                return NanoTestOutcome.Skipped;
            }
            catch (Exception ex)
            {
                message = ex is TestFrameworkShared.AssertFailedException ? ex.Message : ex.ToString();
                failure = ex;
                return NanoTestOutcome.Failed;
            }
        }

        // Emits "ldnull; <args>; call method": an instance method runs with this == null, exactly as the nanoFramework
        // launcher invokes it, so a test touching instance state throws NullReferenceException here too.
        private static Action<object[]> NullInstanceInvoker(MethodInfo method)
        {
            ParameterInfo[] parameters = method.GetParameters();
            var dynamicMethod = new DynamicMethod("nano_" + method.Name, typeof(void), new[] { typeof(object[]) }, method.Module, skipVisibility: true);
            ILGenerator il = dynamicMethod.GetILGenerator();
            Label argumentCountOk = il.DefineLabel();
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldlen);
            il.Emit(OpCodes.Conv_I4);
            il.Emit(OpCodes.Ldc_I4, parameters.Length);
            il.Emit(OpCodes.Beq, argumentCountOk);
            il.Emit(OpCodes.Ldstr, $"{method.Name} takes {parameters.Length} arguments; the DataRow does not match.");
            il.Emit(OpCodes.Newobj, typeof(TargetParameterCountException).GetConstructor(new[] { typeof(string) }));
            il.Emit(OpCodes.Throw);
            il.MarkLabel(argumentCountOk);
            if (!method.IsStatic)
            {
                il.Emit(OpCodes.Ldnull);
            }

            for (int i = 0; i < parameters.Length; i++)
            {
                il.Emit(OpCodes.Ldarg_0);
                il.Emit(OpCodes.Ldc_I4, i);
                il.Emit(OpCodes.Ldelem_Ref);
                il.Emit(OpCodes.Unbox_Any, parameters[i].ParameterType);
            }

            il.Emit(OpCodes.Call, method);
            if (method.ReturnType != typeof(void))
            {
                il.Emit(OpCodes.Pop);
            }

            il.Emit(OpCodes.Ret);
            return (Action<object[]>)dynamicMethod.CreateDelegate(typeof(Action<object[]>));
        }

        private sealed record TestCase(Type Type, MethodInfo Method, object[] Arguments);

        private sealed record ClassState(NanoTestOutcome Outcome, string Message);
    }

    /// <summary>How a test case is named and where its method is written.</summary>
    /// <param name="ClassName">The test class's short name.</param>
    /// <param name="MethodName">The test method's name.</param>
    /// <param name="DisplayName"><c>Class.Method</c> or <c>Class.Method(arguments)</c>.</param>
    /// <param name="SourceFile">The method's source file, or null without a PDB.</param>
    /// <param name="SourceLine">The method's first line, or null without a PDB.</param>
    public sealed record NanoTestCaseInfo(string ClassName, string MethodName, string DisplayName, string SourceFile, int? SourceLine);

    /// <summary>A method's first source line, read from its assembly's portable PDB beside the assembly.</summary>
    internal static class SourceLocation
    {
        private static readonly Dictionary<Assembly, MetadataReaderProvider> Pdbs = new Dictionary<Assembly, MetadataReaderProvider>();

        public static void Find(MethodInfo method, out string file, out int? line)
        {
            file = null;
            line = null;
            MetadataReader reader = ReaderFor(method.Module.Assembly);
            if (reader == null)
            {
                return;
            }

            MethodDebugInformation debug = reader.GetMethodDebugInformation(MetadataTokens.MethodDefinitionHandle(method.MetadataToken));
            foreach (SequencePoint point in debug.GetSequencePoints())
            {
                if (!point.IsHidden)
                {
                    file = reader.GetString(reader.GetDocument(point.Document).Name);
                    line = point.StartLine;
                    return;
                }
            }
        }

        private static MetadataReader ReaderFor(Assembly assembly)
        {
            lock (Pdbs)
            {
                if (!Pdbs.TryGetValue(assembly, out MetadataReaderProvider provider))
                {
                    string pdb = string.IsNullOrEmpty(assembly.Location) ? null : Path.ChangeExtension(assembly.Location, ".pdb");
                    try
                    {
                        provider = pdb != null && File.Exists(pdb) ? MetadataReaderProvider.FromPortablePdbStream(File.OpenRead(pdb)) : null;
                    }
                    catch (BadImageFormatException)
                    {
                        provider = null;
                    }

                    Pdbs[assembly] = provider;
                }

                return provider?.GetMetadataReader();
            }
        }
    }
}
