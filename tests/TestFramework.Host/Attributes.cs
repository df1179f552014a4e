using System;

namespace nanoFramework.TestFramework
{
    /// <summary>Marks a class that holds test methods. Test classes hold no instance state.</summary>
    [AttributeUsage(AttributeTargets.Class)]
    public class TestClassAttribute : Attribute
    {
        public virtual TestMethodAttribute GetTestMethodAttribute(TestMethodAttribute testMethodAttribute) => testMethodAttribute;
    }

    /// <summary>Marks a test method. The launcher invokes it with a null instance.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public class TestMethodAttribute : Attribute
    {
    }

    /// <summary>Marks the method run once before the first test of its class.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public class SetupAttribute : Attribute
    {
    }

    /// <summary>Marks the method run once after the last test of its class.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public class CleanupAttribute : Attribute
    {
    }

    /// <summary>Runs the test method once with these arguments.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
    public class DataRowAttribute : Attribute
    {
        public DataRowAttribute(params object[] methodParameters)
        {
            MethodParameters = methodParameters;
        }

        public object[] MethodParameters { get; }
    }

    /// <summary>Thrown to skip a test (or, from Setup, every test of the class).</summary>
    public class SkipTestException : Exception
    {
        public SkipTestException(string message = null, Exception innerException = null)
            : base(message, innerException)
        {
        }
    }

    public static class Helper
    {
        public static object[] RemoveTestMethodIfDataRowExists(object[] attribs)
        {
            bool hasRow = false;
            foreach (object a in attribs)
            {
                hasRow |= a is DataRowAttribute;
            }

            if (!hasRow)
            {
                return attribs;
            }

            var kept = new System.Collections.ArrayList();
            foreach (object a in attribs)
            {
                if (!(a is TestMethodAttribute))
                {
                    kept.Add(a);
                }
            }

            return kept.ToArray();
        }
    }

    public static class OutputHelper
    {
        public static void Write(string message) => Console.Write(message);

        public static void WriteLine(string message) => Console.WriteLine(message);
    }

    public static class TestExtensions
    {
        public static bool SequenceEqual(this Array array1, Array array2)
        {
            if (ReferenceEquals(array1, array2))
            {
                return true;
            }

            if (array1 == null || array2 == null || array1.Length != array2.Length)
            {
                return false;
            }

            for (int i = 0; i < array1.Length; i++)
            {
                if (!Equals(array1.GetValue(i), array2.GetValue(i)))
                {
                    return false;
                }
            }

            return true;
        }
    }
}

namespace TestFrameworkShared
{
    /// <summary>Thrown by a failed assertion.</summary>
    public class AssertFailedException : Exception
    {
        public AssertFailedException()
        {
        }

        public AssertFailedException(string msg)
            : base(msg)
        {
        }

        public AssertFailedException(string msg, Exception ex)
            : base(msg, ex)
        {
        }
    }
}
