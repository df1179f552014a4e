namespace OmaDm.Notification.Modem
{
    /// <summary>The outcome of one AT command.</summary>
    public sealed class AtResponse
    {
        internal AtResponse(AtResult result, int errorCode, string finalLine, string[] lines, byte[] data)
        {
            Result = result;
            ErrorCode = errorCode;
            FinalLine = finalLine;
            Lines = lines;
            Data = data;
        }

        /// <summary>How the command ended.</summary>
        public AtResult Result { get; }

        /// <summary>True when the command ended in OK.</summary>
        public bool IsOk => Result == AtResult.Ok;

        /// <summary>The numeric code of +CMS ERROR / +CME ERROR; -1 when absent or verbose.</summary>
        public int ErrorCode { get; }

        /// <summary>The final result line as received; null on timeout.</summary>
        public string FinalLine { get; }

        /// <summary>Information lines in arrival order (echo and URCs removed); never null.</summary>
        public string[] Lines { get; }

        /// <summary>Raw bytes framed by <see cref="AtCommand.BinaryLengthField"/>; null when none.</summary>
        public byte[] Data { get; }

        /// <summary>The first line starting with the prefix, or null.</summary>
        /// <param name="prefix">Line prefix such as <c>+CPMS:</c>.</param>
        /// <returns>The line or null.</returns>
        public string FindLine(string prefix)
        {
            for (int i = 0; i < Lines.Length; i++)
            {
                if (Lines[i].StartsWith(prefix))
                {
                    return Lines[i];
                }
            }

            return null;
        }
    }
}
