using System;
using System.Text;
using nanoFramework.TestFramework;
using OmaDm.Notification.Buffers;
using OmaDm.Notification.Modem;

namespace OmaDm.Notification.Tests.Modem
{
    [TestClass]
    public class AtLineFramerTests
    {
        private const int Bound = 32;

        // A modem's side of a short dialogue, written for these tests after the shapes TS 27.007 5.7 and the Quectel
        // TCP/IP AT manual (AT+QIRD) give: echo, a URC, a read whose header announces 5 raw bytes that contain CR, LF,
        // NUL and 0xFF, the final result, a power-up glitch inside a line, a line over the 32-character bound, and a
        // blank CRLF between lines. Frames are written L:line (~ when garbage was dropped from it), B:hex, O, G.
        private static readonly byte[] Dialogue =
        {
            0x41, 0x54, 0x2B, 0x51, 0x49, 0x52, 0x44, 0x3D, 0x30, 0x0D,       // "AT+QIRD=0" CR (echo)
            0x0D, 0x0A, 0x52, 0x49, 0x4E, 0x47, 0x0D, 0x0A,                   // CRLF "RING" CRLF
            0x2B, 0x51, 0x49, 0x52, 0x44, 0x3A, 0x20, 0x35, 0x0D, 0x0A,       // "+QIRD: 5" CRLF
            0x0D, 0x0A, 0x00, 0xFF, 0x61,                                     // payload: CR LF NUL FF 'a'
            0x0D, 0x0A, 0x4F, 0x4B, 0x0D, 0x0A,                               // CRLF "OK" CRLF
            0x52, 0x00, 0xFE, 0x44, 0x59, 0x0D, 0x0A,                         // "R" NUL FE "DY" CRLF
            0x1B, 0xFF, 0x0D, 0x0A,                                           // ESC FF CRLF: nothing but garbage
            0x0D, 0x0A,                                                       // blank line
            0x41, 0x41, 0x41, 0x41, 0x41, 0x41, 0x41, 0x41, 0x41, 0x41,       // 40 x 'A': over the bound
            0x41, 0x41, 0x41, 0x41, 0x41, 0x41, 0x41, 0x41, 0x41, 0x41,
            0x41, 0x41, 0x41, 0x41, 0x41, 0x41, 0x41, 0x41, 0x41, 0x41,
            0x41, 0x41, 0x41, 0x41, 0x41, 0x41, 0x41, 0x41, 0x41, 0x41,
            0x0D, 0x0A,
            0x2B, 0x43, 0x4D, 0x54, 0x49, 0x3A, 0x20, 0x22, 0x53, 0x4D, 0x22, 0x2C, 0x33, 0x0D, 0x0A, // "+CMTI: "SM",3" CRLF
        };

        private const string DialogueFrames =
            "L:AT+QIRD=0|L:RING|L:+QIRD: 5|B:0D0A00FF61|L:OK|L:RDY~|G|O|L:+CMTI: \"SM\",3|";

        // A header that ends at LF alone: the byte after it is payload, even when it is an LF.
        private static readonly byte[] LineFeedOnlyHeader =
        {
            0x2B, 0x51, 0x49, 0x52, 0x44, 0x3A, 0x20, 0x32, 0x0A,             // "+QIRD: 2" LF
            0x0A, 0x62,                                                       // payload: LF 'b'
            0x4F, 0x4B, 0x0D,                                                 // "OK" CR
        };

        [TestMethod]
        public void Feed_WholeDialogue_LinesPayloadAndDiscardsInOrder()
        {
            var framer = new AtLineFramer(Bound);
            Assert.AreEqual(DialogueFrames, Frames(framer, Dialogue, Dialogue.Length, Dialogue.Length));
            Assert.AreEqual(6, framer.Lines);
            Assert.AreEqual(1, framer.BinaryFrames);
            Assert.AreEqual(1, framer.OverlongLines);
            Assert.AreEqual(4, framer.GarbageBytes);
        }

        [TestMethod]
        public void Feed_SplitAtEveryByte_SameFrames()
        {
            for (int split = 0; split <= Dialogue.Length; split++)
            {
                var framer = new AtLineFramer(Bound);
                string frames = Frames(framer, Dialogue, split, Dialogue.Length);
                Assert.AreEqual(DialogueFrames, frames, "split at " + split);
            }
        }

        [TestMethod]
        public void Feed_OneByteAtATime_SameFrames()
        {
            var framer = new AtLineFramer(Bound);
            Assert.AreEqual(DialogueFrames, Frames(framer, Dialogue, Dialogue.Length, 1));
            Assert.AreEqual(4, framer.GarbageBytes);
        }

        [TestMethod]
        public void Feed_InsideLargerBuffer_OnlyTheWindowFramed()
        {
            var framer = new AtLineFramer(Bound);
            byte[] larger = new byte[Dialogue.Length + 8];
            for (int i = 0; i < larger.Length; i++)
            {
                larger[i] = 0x58; // 'X' on both sides of the window
            }

            Array.Copy(Dialogue, 0, larger, 4, Dialogue.Length);
            var result = new StringBuilder();
            int offset = 4;
            int end = 4 + Dialogue.Length;
            while (offset < end)
            {
                offset += framer.Feed(larger, offset, end - offset);
                Append(framer, result, null);
            }

            Assert.AreEqual(DialogueFrames, result.ToString());
        }

        [TestMethod]
        public void Feed_BlankLinesOnly_NoFrameAllConsumed()
        {
            var framer = new AtLineFramer(Bound);
            byte[] blank = { 0x0D, 0x0A, 0x0D, 0x0A, 0x0A, 0x0D };
            Assert.AreEqual(blank.Length, framer.Feed(blank, 0, blank.Length));
            Assert.AreEqual((int)AtFrameKind.None, (int)framer.Frame);
            Assert.AreEqual(0, framer.Lines);
        }

        [TestMethod]
        public void Feed_StopsAfterEachFrame_RestLeftForTheNextCall()
        {
            var framer = new AtLineFramer(Bound);
            byte[] two = Encoding.UTF8.GetBytes("OK\r\nRING\r\n");
            Assert.AreEqual(3, framer.Feed(two, 0, two.Length));
            Assert.AreEqual("OK", framer.Line);
            Assert.AreEqual(6, framer.Feed(two, 3, two.Length - 3)); // the LF of OK's CRLF ends a blank line: no stop
            Assert.AreEqual("RING", framer.Line);
            Assert.AreEqual(1, framer.Feed(two, 9, 1));
            Assert.AreEqual((int)AtFrameKind.None, (int)framer.Frame);
            Assert.IsNull(framer.Line);
        }

        [TestMethod]
        public void Feed_OverlongLineWithoutEnd_BoundedAndNextLineFramed()
        {
            var framer = new AtLineFramer(Bound);
            byte[] flood = new byte[4096];
            for (int i = 0; i < flood.Length; i++)
            {
                flood[i] = 0x41;
            }

            Assert.AreEqual(flood.Length, framer.Feed(flood, 0, flood.Length));
            Assert.AreEqual(1, framer.OverlongLines);
            byte[] rest = Encoding.UTF8.GetBytes("\r\nOK\r\n");
            Assert.AreEqual("O|L:OK|", Frames(framer, rest, rest.Length, rest.Length));
        }

        [TestMethod]
        public void Feed_LineOfExactlyTheBound_Kept()
        {
            var framer = new AtLineFramer(16);
            byte[] line = Encoding.UTF8.GetBytes("0123456789ABCDEF\r");
            framer.Feed(line, 0, line.Length);
            Assert.AreEqual("0123456789ABCDEF", framer.Line);
            Assert.AreEqual(0, framer.OverlongLines);
        }

        [TestMethod]
        public void ExpectBinary_HeaderEndedAtLineFeed_LineFeedIsPayload()
        {
            var framer = new AtLineFramer(Bound);
            Assert.AreEqual("L:+QIRD: 2|B:0A62|L:OK|", Frames(framer, LineFeedOnlyHeader, LineFeedOnlyHeader.Length, 1));
        }

        [TestMethod]
        public void ExpectBinary_LengthOutOfRange_RefusedBytesStayLines()
        {
            var framer = new AtLineFramer(Bound);
            Assert.IsFalse(framer.ExpectBinary(0));
            Assert.IsFalse(framer.ExpectBinary(-1));
            Assert.IsFalse(framer.ExpectBinary(AtLineFramer.MaxBinaryLength + 1));
            Assert.IsFalse(framer.InBinary);
            byte[] ok = Encoding.UTF8.GetBytes("OK\r");
            framer.Feed(ok, 0, ok.Length);
            Assert.AreEqual("OK", framer.Line);
        }

        [TestMethod]
        public void Reset_InsideLineAndPayload_NextBytesStartAFreshLine()
        {
            var framer = new AtLineFramer(Bound);
            byte[] partial = Encoding.UTF8.GetBytes("+CMTI: \"S");
            framer.Feed(partial, 0, partial.Length);
            framer.Reset();
            Assert.IsTrue(framer.ExpectBinary(4));
            framer.Reset();
            Assert.IsFalse(framer.InBinary);
            byte[] ok = Encoding.UTF8.GetBytes("OK\r\n");
            Assert.AreEqual("L:OK|", Frames(framer, ok, ok.Length, ok.Length));
        }

        // A Quectel AT+QIRD read in hex mode (BG96 TCP/IP AT manual, AT+QICFG="dataformat",0,1), written for these tests:
        // the header, a blank CRLF, a URC between header and data, the data line (40 hex digits, over the 32-byte
        // bound), the final result, and a hex-looking line after it. Frames as above; a decoded hex line is B:.
        private static readonly byte[] HexRead =
        {
            0x2B, 0x51, 0x49, 0x52, 0x44, 0x3A, 0x20, 0x32, 0x30, 0x0D, 0x0A, // "+QIRD: 20" CRLF
            0x0D, 0x0A,                                                       // blank line
            0x52, 0x49, 0x4E, 0x47, 0x0D, 0x0A,                               // "RING" CRLF
            0x30, 0x30, 0x30, 0x31, 0x30, 0x32, 0x30, 0x33, 0x30, 0x34,       // "0001020304"
            0x30, 0x35, 0x30, 0x36, 0x30, 0x37, 0x30, 0x38, 0x30, 0x39,       // "0506070809"
            0x30, 0x61, 0x30, 0x62, 0x30, 0x63, 0x30, 0x64, 0x30, 0x65,       // "0a0b0c0d0e" (lower case)
            0x30, 0x46, 0x31, 0x30, 0x31, 0x31, 0x31, 0x32, 0x46, 0x46, 0x0D, 0x0A, // "0F101112FF" CRLF
            0x4F, 0x4B, 0x0D, 0x0A,                                           // "OK" CRLF
            0x41, 0x42, 0x0D, 0x0A,                                           // "AB" CRLF: a line, nothing armed
        };

        private const string HexReadFrames =
            "L:+QIRD: 20|L:RING|B:000102030405060708090A0B0C0D0E0F101112FF|L:OK|L:AB|";

        [TestMethod]
        public void ExpectHexLine_DataLineAfterUrc_DecodedPastTheBound()
        {
            for (int chunk = 1; chunk <= HexRead.Length; chunk++)
            {
                var framer = new AtLineFramer(Bound);
                var payload = new AtHexPayload(64);
                Assert.AreEqual(HexReadFrames, Frames(framer, HexRead, HexRead.Length, chunk, payload), "chunk " + chunk);
                Assert.AreEqual(20, payload.Count);
                Assert.AreEqual(0, framer.OverlongLines);
            }
        }

        [TestMethod]
        public void ExpectHexLine_LineNotHex_FramedAsLineOrOverlong()
        {
            var framer = new AtLineFramer(Bound);
            var payload = new AtHexPayload(64);

            // "+QIRD: 3" then an odd count of digits: an ordinary line.
            byte[] odd = Encoding.UTF8.GetBytes("+QIRD: 3\r\n00010\r\n");
            Assert.AreEqual("L:+QIRD: 3|L:00010|", Frames(framer, odd, odd.Length, odd.Length, payload));

            // 40 digits then a non-hex character: past the bound, so overlong, and nothing decoded.
            payload.Clear();
            byte[] broken = Encoding.UTF8.GetBytes("+QIRD: 9\r\n0001020304050607080900010203040506070809Z\r\nOK\r\n");
            Assert.AreEqual("L:+QIRD: 9|O|L:OK|", Frames(framer, broken, broken.Length, broken.Length, payload));
            Assert.AreEqual(-1, payload.Count);
            Assert.AreEqual(1, framer.OverlongLines);
        }

        [TestMethod]
        public void ExpectHexLine_MoreBytesThanTheBuffer_NotDecoded()
        {
            var framer = new AtLineFramer(Bound);
            var payload = new AtHexPayload(4);
            byte[] input = Encoding.UTF8.GetBytes("+QIRD: 5\r\n0001020304\r\n+QIRD: 4\r\n0A0B0C0D\r\n");
            Assert.AreEqual("L:+QIRD: 5|L:0001020304|L:+QIRD: 4|B:0A0B0C0D|", Frames(framer, input, input.Length, input.Length, payload));
            Assert.AreEqual(4, payload.Count);
        }

        [TestMethod]
        public void ExpectHexLine_NotAtALineBoundaryOrCancelled_NothingArmed()
        {
            var framer = new AtLineFramer(Bound);
            var payload = new AtHexPayload(8);
            byte[] partial = Encoding.UTF8.GetBytes("0A");
            framer.Feed(partial, 0, partial.Length);
            Assert.IsFalse(framer.ExpectHexLine(payload));
            byte[] rest = Encoding.UTF8.GetBytes("0B\r\n");
            Assert.AreEqual("L:0A0B|", Frames(framer, rest, rest.Length, rest.Length));

            Assert.IsTrue(framer.ExpectHexLine(payload));
            framer.CancelHexLine();
            Assert.AreEqual("L:0B|", Frames(framer, rest, rest.Length, rest.Length));
            Assert.AreEqual(-1, payload.Count);
            Assert.ThrowsException(typeof(ArgumentNullException), () => framer.ExpectHexLine(null));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new AtHexPayload(0));
        }

        [TestMethod]
        public void Feed_ArgumentsOutsideBuffer_Throw()
        {
            var framer = new AtLineFramer(Bound);
            byte[] buffer = new byte[4];
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => framer.Feed(buffer, 3, 2));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => framer.Feed(buffer, -1, 1));
            Assert.ThrowsException(typeof(ArgumentNullException), () => framer.Feed(null, 0, 0));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new AtLineFramer(15));
        }

        // Feeds input[0 .. split) and then the rest, each part in pieces of at most chunk bytes; a line starting with
        // "+QIRD:" announces its first field as payload, as AtChannel does.
        private static string Frames(AtLineFramer framer, byte[] input, int split, int chunk)
        {
            return Frames(framer, input, split, chunk, null);
        }

        // With a payload, a "+QIRD:" line arms the hex data line instead (as AtCommand.HexPayload does), and a line
        // between header and data (a URC) arms it again.
        private static string Frames(AtLineFramer framer, byte[] input, int split, int chunk, AtHexPayload payload)
        {
            var result = new StringBuilder();
            FeedRange(framer, input, 0, split, chunk, result, payload);
            FeedRange(framer, input, split, input.Length, chunk, result, payload);
            return result.ToString();
        }

        private static void FeedRange(AtLineFramer framer, byte[] input, int start, int end, int chunk, StringBuilder result, AtHexPayload payload)
        {
            int offset = start;
            while (offset < end)
            {
                int count = end - offset < chunk ? end - offset : chunk;
                int pieceEnd = offset + count;
                while (offset < pieceEnd)
                {
                    int used = framer.Feed(input, offset, pieceEnd - offset);
                    Assert.IsTrue(used > 0, "no progress at " + offset);

                    offset += used;
                    Append(framer, result, payload);
                }
            }
        }

        private static void Append(AtLineFramer framer, StringBuilder result, AtHexPayload payload)
        {
            switch (framer.Frame)
            {
                case AtFrameKind.Line:
                    result.Append("L:").Append(framer.Line).Append(framer.Garbled ? "~|" : "|");
                    if (payload != null)
                    {
                        if (framer.Line.StartsWith("+QIRD:") || framer.Line == "RING")
                        {
                            framer.ExpectHexLine(payload);
                        }
                    }
                    else if (framer.Line.StartsWith("+QIRD:"))
                    {
                        framer.ExpectBinary(AtText.IntField(AtText.Fields(framer.Line), 0));
                    }

                    break;
                case AtFrameKind.Binary:
                    result.Append("B:").Append(Hex.ToHex(framer.Data, 0, framer.DataLength)).Append('|');
                    break;
                case AtFrameKind.OverlongLine:
                    result.Append("O|");
                    break;
                case AtFrameKind.GarbageLine:
                    result.Append("G|");
                    break;
            }
        }
    }
}
