namespace OmaDm.Notification.Bootstrap
{
    /// <summary>
    /// A fixed set of value slots, each a span of <see cref="BootstrapText"/> (start, length) with how its bytes are to be
    /// read (<see cref="FormText"/>, <see cref="FormBinary"/>, <see cref="FormBase64"/>); length -1 = absent.
    /// </summary>
    internal sealed class BootstrapSpans
    {
        /// <summary>The bytes are the text.</summary>
        public const int FormText = 0;

        /// <summary>The bytes are binary (SyncML Format bin or OPAQUE): a nonce is given as their base64.</summary>
        public const int FormBinary = 1;

        /// <summary>The bytes are base64 text (SyncML Format b64): a nonce is kept as sent, other text decoded.</summary>
        public const int FormBase64 = 2;

        private readonly int[] _start;
        private readonly int[] _length;
        private readonly int[] _form;

        /// <summary>Creates <paramref name="count"/> absent slots.</summary>
        /// <param name="count">Number of slots.</param>
        public BootstrapSpans(int count)
        {
            _start = new int[count];
            _length = new int[count];
            _form = new int[count];
            Clear();
        }

        /// <summary>Marks every slot absent.</summary>
        public void Clear()
        {
            for (int i = 0; i < _length.Length; i++)
            {
                _start[i] = 0;
                _length[i] = -1;
                _form[i] = FormText;
            }
        }

        /// <summary>Whether slot <paramref name="slot"/> holds a value.</summary>
        /// <param name="slot">The slot.</param>
        /// <returns><c>true</c> when present.</returns>
        public bool Has(int slot) => _length[slot] >= 0;

        /// <summary>Start of slot <paramref name="slot"/>'s bytes.</summary>
        /// <param name="slot">The slot.</param>
        /// <returns>The start.</returns>
        public int Start(int slot) => _start[slot];

        /// <summary>Length of slot <paramref name="slot"/>'s bytes, -1 when absent.</summary>
        /// <param name="slot">The slot.</param>
        /// <returns>The length.</returns>
        public int Length(int slot) => _length[slot];

        /// <summary>How slot <paramref name="slot"/>'s bytes are to be read.</summary>
        /// <param name="slot">The slot.</param>
        /// <returns>The form.</returns>
        public int Form(int slot) => _form[slot];

        /// <summary>Sets slot <paramref name="slot"/>.</summary>
        /// <param name="slot">The slot.</param>
        /// <param name="start">Start of the bytes.</param>
        /// <param name="length">Their length.</param>
        /// <param name="form">How to read them.</param>
        public void Set(int slot, int start, int length, int form)
        {
            _start[slot] = start;
            _length[slot] = length;
            _form[slot] = form;
        }

        /// <summary>Copies slot <paramref name="from"/> of <paramref name="source"/> into slot <paramref name="to"/>.</summary>
        /// <param name="source">The other set.</param>
        /// <param name="from">Its slot.</param>
        /// <param name="to">This set's slot.</param>
        public void CopyFrom(BootstrapSpans source, int from, int to)
        {
            _start[to] = source._start[from];
            _length[to] = source._length[from];
            _form[to] = source._form[from];
        }
    }
}
