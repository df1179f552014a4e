using System;
using System.Diagnostics;
using TestFrameworkShared;

namespace nanoFramework.TestFramework
{
    /// <summary>The assertions of nanoFramework.TestFramework 3.0 (non-obsolete members).</summary>
    /// <remarks>Hidden from stack traces, so a failure's first frame is the test's own file and line.</remarks>
    [StackTraceHidden]
    public sealed class Assert
    {
        public static void AreEqual(bool expected, bool actual, string message = "")
        {
            if (!Equals(expected, actual))
            {
                Fail("AreEqual", $"expected <{Show(expected)}> but was <{Show(actual)}>", message);
            }
        }

        public static void AreNotEqual(bool notExpected, bool actual, string message = "")
        {
            if (Equals(notExpected, actual))
            {
                Fail("AreNotEqual", $"both were <{Show(actual)}>", message);
            }
        }

        public static void AreEqual(byte expected, byte actual, string message = "")
        {
            if (!Equals(expected, actual))
            {
                Fail("AreEqual", $"expected <{Show(expected)}> but was <{Show(actual)}>", message);
            }
        }

        public static void AreNotEqual(byte notExpected, byte actual, string message = "")
        {
            if (Equals(notExpected, actual))
            {
                Fail("AreNotEqual", $"both were <{Show(actual)}>", message);
            }
        }

        public static void AreEqual(char expected, char actual, string message = "")
        {
            if (!Equals(expected, actual))
            {
                Fail("AreEqual", $"expected <{Show(expected)}> but was <{Show(actual)}>", message);
            }
        }

        public static void AreNotEqual(char notExpected, char actual, string message = "")
        {
            if (Equals(notExpected, actual))
            {
                Fail("AreNotEqual", $"both were <{Show(actual)}>", message);
            }
        }

        public static void AreEqual(DateTime expected, DateTime actual, string message = "")
        {
            if (!Equals(expected, actual))
            {
                Fail("AreEqual", $"expected <{Show(expected)}> but was <{Show(actual)}>", message);
            }
        }

        public static void AreNotEqual(DateTime notExpected, DateTime actual, string message = "")
        {
            if (Equals(notExpected, actual))
            {
                Fail("AreNotEqual", $"both were <{Show(actual)}>", message);
            }
        }

        public static void AreEqual(double expected, double actual, string message = "")
        {
            if (!Equals(expected, actual))
            {
                Fail("AreEqual", $"expected <{Show(expected)}> but was <{Show(actual)}>", message);
            }
        }

        public static void AreNotEqual(double notExpected, double actual, string message = "")
        {
            if (Equals(notExpected, actual))
            {
                Fail("AreNotEqual", $"both were <{Show(actual)}>", message);
            }
        }

        public static void AreEqual(float expected, float actual, string message = "")
        {
            if (!Equals(expected, actual))
            {
                Fail("AreEqual", $"expected <{Show(expected)}> but was <{Show(actual)}>", message);
            }
        }

        public static void AreNotEqual(float notExpected, float actual, string message = "")
        {
            if (Equals(notExpected, actual))
            {
                Fail("AreNotEqual", $"both were <{Show(actual)}>", message);
            }
        }

        public static void AreEqual(int expected, int actual, string message = "")
        {
            if (!Equals(expected, actual))
            {
                Fail("AreEqual", $"expected <{Show(expected)}> but was <{Show(actual)}>", message);
            }
        }

        public static void AreNotEqual(int notExpected, int actual, string message = "")
        {
            if (Equals(notExpected, actual))
            {
                Fail("AreNotEqual", $"both were <{Show(actual)}>", message);
            }
        }

        public static void AreEqual(long expected, long actual, string message = "")
        {
            if (!Equals(expected, actual))
            {
                Fail("AreEqual", $"expected <{Show(expected)}> but was <{Show(actual)}>", message);
            }
        }

        public static void AreNotEqual(long notExpected, long actual, string message = "")
        {
            if (Equals(notExpected, actual))
            {
                Fail("AreNotEqual", $"both were <{Show(actual)}>", message);
            }
        }

        public static void AreEqual(object expected, object actual, string message = "")
        {
            if (!Equals(expected, actual))
            {
                Fail("AreEqual", $"expected <{Show(expected)}> but was <{Show(actual)}>", message);
            }
        }

        public static void AreNotEqual(object notExpected, object actual, string message = "")
        {
            if (Equals(notExpected, actual))
            {
                Fail("AreNotEqual", $"both were <{Show(actual)}>", message);
            }
        }

        public static void AreEqual(sbyte expected, sbyte actual, string message = "")
        {
            if (!Equals(expected, actual))
            {
                Fail("AreEqual", $"expected <{Show(expected)}> but was <{Show(actual)}>", message);
            }
        }

        public static void AreNotEqual(sbyte notExpected, sbyte actual, string message = "")
        {
            if (Equals(notExpected, actual))
            {
                Fail("AreNotEqual", $"both were <{Show(actual)}>", message);
            }
        }

        public static void AreEqual(short expected, short actual, string message = "")
        {
            if (!Equals(expected, actual))
            {
                Fail("AreEqual", $"expected <{Show(expected)}> but was <{Show(actual)}>", message);
            }
        }

        public static void AreNotEqual(short notExpected, short actual, string message = "")
        {
            if (Equals(notExpected, actual))
            {
                Fail("AreNotEqual", $"both were <{Show(actual)}>", message);
            }
        }

        public static void AreEqual(string expected, string actual, string message = "")
        {
            if (!Equals(expected, actual))
            {
                Fail("AreEqual", $"expected <{Show(expected)}> but was <{Show(actual)}>", message);
            }
        }

        public static void AreNotEqual(string notExpected, string actual, string message = "")
        {
            if (Equals(notExpected, actual))
            {
                Fail("AreNotEqual", $"both were <{Show(actual)}>", message);
            }
        }

        public static void AreEqual(uint expected, uint actual, string message = "")
        {
            if (!Equals(expected, actual))
            {
                Fail("AreEqual", $"expected <{Show(expected)}> but was <{Show(actual)}>", message);
            }
        }

        public static void AreNotEqual(uint notExpected, uint actual, string message = "")
        {
            if (Equals(notExpected, actual))
            {
                Fail("AreNotEqual", $"both were <{Show(actual)}>", message);
            }
        }

        public static void AreEqual(ulong expected, ulong actual, string message = "")
        {
            if (!Equals(expected, actual))
            {
                Fail("AreEqual", $"expected <{Show(expected)}> but was <{Show(actual)}>", message);
            }
        }

        public static void AreNotEqual(ulong notExpected, ulong actual, string message = "")
        {
            if (Equals(notExpected, actual))
            {
                Fail("AreNotEqual", $"both were <{Show(actual)}>", message);
            }
        }

        public static void AreEqual(ushort expected, ushort actual, string message = "")
        {
            if (!Equals(expected, actual))
            {
                Fail("AreEqual", $"expected <{Show(expected)}> but was <{Show(actual)}>", message);
            }
        }

        public static void AreNotEqual(ushort notExpected, ushort actual, string message = "")
        {
            if (Equals(notExpected, actual))
            {
                Fail("AreNotEqual", $"both were <{Show(actual)}>", message);
            }
        }

        public static void IsTrue(bool condition, string message = "")
        {
            if (!condition)
            {
                Fail("IsTrue", "condition was false", message);
            }
        }

        public static void IsFalse(bool condition, string message = "")
        {
            if (condition)
            {
                Fail("IsFalse", "condition was true", message);
            }
        }

        public static void IsNull(object value, string message = "")
        {
            if (value != null)
            {
                Fail("IsNull", $"value was <{Show(value)}>", message);
            }
        }

        public static void IsNotNull(object value, string message = "")
        {
            if (value == null)
            {
                Fail("IsNotNull", "value was null", message);
            }
        }

        public static void AreSame(object expected, object actual, string message = "")
        {
            if (!ReferenceEquals(expected, actual))
            {
                Fail("AreSame", "references differ", message);
            }
        }

        public static void AreNotSame(object notExpected, object actual, string message = "")
        {
            if (ReferenceEquals(notExpected, actual))
            {
                Fail("AreNotSame", "references are the same", message);
            }
        }

        public static void Contains(string expected, string actual, string message = "")
        {
            if (expected == null || actual == null || actual.IndexOf(expected, StringComparison.Ordinal) < 0)
            {
                Fail("Contains", $"<{Show(actual)}> does not contain <{Show(expected)}>", message);
            }
        }

        public static void DoesNotContains(string expected, string actual, string message = "")
        {
            if (expected != null && actual != null && actual.IndexOf(expected, StringComparison.Ordinal) >= 0)
            {
                Fail("DoesNotContains", $"<{Show(actual)}> contains <{Show(expected)}>", message);
            }
        }

        public static void StartsWith(string expected, string actual, string message = "")
        {
            if (expected == null || actual == null || !actual.StartsWith(expected, StringComparison.Ordinal))
            {
                Fail("StartsWith", $"<{Show(actual)}> does not start with <{Show(expected)}>", message);
            }
        }

        public static void EndsWith(string expected, string actual, string message = "")
        {
            if (expected == null || actual == null || !actual.EndsWith(expected, StringComparison.Ordinal))
            {
                Fail("EndsWith", $"<{Show(actual)}> does not end with <{Show(expected)}>", message);
            }
        }

        public static void IsInstanceOfType(object value, Type expectedType, string message = "")
        {
            if (value == null || expectedType == null || !expectedType.IsInstanceOfType(value))
            {
                Fail("IsInstanceOfType", $"<{Show(value)}> is not a {expectedType}", message);
            }
        }

        public static void IsNotInstanceOfType(object value, Type wrongType, string message = "")
        {
            if (value != null && wrongType != null && wrongType.IsInstanceOfType(value))
            {
                Fail("IsNotInstanceOfType", $"<{Show(value)}> is a {wrongType}", message);
            }
        }

        public static void ThrowsException(Type exception, Action action, string message = "")
        {
            try
            {
                action();
            }
            catch (Exception ex)
            {
                if (ex.GetType() != exception)
                {
                    Fail("ThrowsException", $"expected {exception} but {ex.GetType()} was thrown: {ex.Message}", message);
                }

                return;
            }

            Fail("ThrowsException", $"expected {exception} but nothing was thrown", message);
        }

        public static void SkipTest(string message = "") => throw new SkipTestException(message);

        internal static void Fail(string assertion, string detail, string message)
        {
            throw new AssertFailedException(string.IsNullOrEmpty(message)
                ? $"Assert.{assertion} failed: {detail}."
                : $"Assert.{assertion} failed: {detail}. {message}");
        }

        internal static string Show(object value) => value switch
        {
            null => "null",
            string s => s,
            byte[] bytes => Convert.ToHexString(bytes),
            _ => value.ToString(),
        };
    }

    /// <summary>The collection assertions of nanoFramework.TestFramework 3.0.</summary>
    [StackTraceHidden]
    public sealed class CollectionAssert
    {
        public static void Empty(System.Collections.ICollection collection, string message = "")
        {
            if (collection == null || collection.Count != 0)
            {
                Assert.Fail("CollectionAssert.Empty", "collection is not empty", message);
            }
        }

        public static void NotEmpty(System.Collections.ICollection collection, string message = "")
        {
            if (collection == null || collection.Count == 0)
            {
                Assert.Fail("CollectionAssert.NotEmpty", "collection is empty", message);
            }
        }

        public static void AreEqual(System.Collections.ICollection expected, System.Collections.ICollection actual, string message = "")
        {
            if (!SameElements(expected, actual, out string detail))
            {
                Assert.Fail("CollectionAssert.AreEqual", detail, message);
            }
        }

        public static void AreNotEqual(System.Collections.ICollection notExpected, System.Collections.ICollection actual, string message = "")
        {
            if (SameElements(notExpected, actual, out _))
            {
                Assert.Fail("CollectionAssert.AreNotEqual", "collections are equal", message);
            }
        }

        private static bool SameElements(System.Collections.ICollection a, System.Collections.ICollection b, out string detail)
        {
            detail = null;
            if (ReferenceEquals(a, b))
            {
                return true;
            }

            if (a == null || b == null)
            {
                detail = "one collection is null";
                return false;
            }

            if (a.Count != b.Count)
            {
                detail = $"expected {a.Count} elements but found {b.Count}";
                return false;
            }

            var ea = a.GetEnumerator();
            var eb = b.GetEnumerator();
            int index = 0;
            while (ea.MoveNext() && eb.MoveNext())
            {
                if (!Equals(ea.Current, eb.Current))
                {
                    detail = $"element {index}: expected <{Assert.Show(ea.Current)}> but was <{Assert.Show(eb.Current)}>";
                    return false;
                }

                index++;
            }

            return true;
        }
    }
}
