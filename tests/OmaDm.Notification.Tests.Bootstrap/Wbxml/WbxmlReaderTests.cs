using nanoFramework.TestFramework;
using OmaDm.Notification.Buffers;
using OmaDm.Notification.Tests.Bootstrap;
using OmaDm.Notification.Wbxml;

namespace OmaDm.Notification.Tests.Wbxml
{
    [TestClass]
    public class WbxmlReaderTests
    {
        // WAP-192-WBXML 5.5: public id 0 then a string-table index names the DTD literally.
        private static byte[] LiteralPublicId => new byte[]
        {
            0x03,                         // version 1.3
            0x00, 0x00,                   // public id: literal, string-table index 0
            0x6A,                         // UTF-8
            0x03, 0x41, 0x42, 0x00,       // string table "AB\0"
            0x05,                         // empty root, no attributes, no content
        };

        [TestMethod]
        public void Read_MozillaEmpty_HeaderRootEnd()
        {
            var reader = new WbxmlReader();
            byte[] doc = BootstrapVectors.MozillaEmpty;

            Assert.IsTrue(reader.Reset(doc, 0, doc.Length));
            Assert.AreEqual(WbxmlReader.Version13, reader.Version);
            Assert.AreEqual(0x0B, reader.PublicId);
            Assert.AreEqual(WbxmlReader.CharsetUtf8, reader.Charset);
            Assert.IsTrue(reader.Read());
            Assert.AreEqual((int)WbxmlNodeKind.StartElement, (int)reader.Kind);
            Assert.AreEqual(0x05, reader.Token);
            Assert.IsTrue(reader.HasContent);
            Assert.IsFalse(reader.HasAttributes);
            Assert.IsTrue(reader.Read());
            Assert.AreEqual((int)WbxmlNodeKind.EndElement, (int)reader.Kind);
            Assert.IsTrue(reader.Read());
            Assert.AreEqual((int)WbxmlNodeKind.EndDocument, (int)reader.Kind);
            Assert.IsFalse(reader.Read());
            Assert.AreEqual((int)WbxmlError.None, (int)reader.Error);
        }

        [TestMethod]
        public void Reset_LiteralPublicId_SpanInTable()
        {
            var reader = new WbxmlReader();
            byte[] doc = LiteralPublicId;

            Assert.IsTrue(reader.Reset(doc, 0, doc.Length));
            Assert.AreEqual(0, reader.PublicId);
            Assert.AreEqual(5, reader.PublicIdStart);
            Assert.AreEqual(2, reader.PublicIdLength);
            Assert.IsTrue(reader.Read());
            Assert.IsTrue(reader.Read());
            Assert.AreEqual((int)WbxmlNodeKind.EndElement, (int)reader.Kind);
            Assert.IsTrue(reader.Read());
            Assert.AreEqual((int)WbxmlNodeKind.EndDocument, (int)reader.Kind);
        }

        // Each row: version, public id, charset, string-table length and table, then the body (WAP-192-WBXML 5.3).
        [TestMethod]
        [DataRow("000B6A0005", (int)WbxmlError.UnsupportedVersion)]
        [DataRow("030B040005", (int)WbxmlError.UnsupportedCharset)]
        [DataRow("030B6A0241", (int)WbxmlError.Truncated)]
        [DataRow("0300026A024100", (int)WbxmlError.BadStringReference)]
        [DataRow("038FFFFFFF7F6A", (int)WbxmlError.BadInteger)]
        public void Reset_BadHeader_NamedError(string hex, int error)
        {
            var reader = new WbxmlReader();
            Assert.IsTrue(Hex.TryParse(hex, out byte[] doc));

            Assert.IsFalse(reader.Reset(doc, 0, doc.Length));
            Assert.AreEqual(error, (int)reader.Error);
            Assert.IsFalse(reader.Read());
        }

        // Header 03 0B 6A (WBXML 1.3, PROV 1.0, UTF-8), a string table, then a body broken as the row's error names:
        // STR_T past the table / into an unterminated table, STR_I unterminated, EXT_0, EXT_T_0, PI, a second root,
        // a string before the root, ENTITY U+D800, a value before any attribute start, an empty attribute list,
        // OPAQUE longer than the bytes.
        [TestMethod]
        [DataRow("030B6A02410045830201", (int)WbxmlError.BadStringReference)]
        [DataRow("030B6A02414145830001", (int)WbxmlError.BadStringReference)]
        [DataRow("030B6A0045034141", (int)WbxmlError.UnterminatedString)]
        [DataRow("030B6A0045C001", (int)WbxmlError.UnsupportedToken)]
        [DataRow("030B6A0045800001", (int)WbxmlError.UnsupportedToken)]
        [DataRow("030B6A0043050105", (int)WbxmlError.UnsupportedToken)]
        [DataRow("030B6A000505", (int)WbxmlError.TrailingBytes)]
        [DataRow("030B6A0003410005", (int)WbxmlError.UnexpectedToken)]
        [DataRow("030B6A00450283B00001", (int)WbxmlError.BadEntity)]
        [DataRow("030B6A00858601", (int)WbxmlError.UnexpectedToken)]
        [DataRow("030B6A008501", (int)WbxmlError.UnexpectedToken)]
        [DataRow("030B6A0045C3054101", (int)WbxmlError.Truncated)]
        public void Read_BadBody_NamedError(string hex, int error)
        {
            var reader = new WbxmlReader();
            Assert.IsTrue(Hex.TryParse(hex, out byte[] doc));

            Assert.IsTrue(reader.Reset(doc, 0, doc.Length));
            while (reader.Read())
            {
            }

            Assert.AreEqual(error, (int)reader.Error);
        }

        [TestMethod]
        public void Read_NestingBeyondBound_TooDeep()
        {
            var reader = new WbxmlReader(2, 100);
            byte[] doc = { 0x03, 0x0B, 0x6A, 0x00, 0x45, 0x46, 0x47, 0x01, 0x01, 0x01 };

            Assert.IsTrue(reader.Reset(doc, 0, doc.Length));
            while (reader.Read())
            {
            }

            Assert.AreEqual((int)WbxmlError.TooDeep, (int)reader.Error);
        }

        [TestMethod]
        public void Read_TokensBeyondBound_TooManyTokens()
        {
            var reader = new WbxmlReader(4, 3);
            byte[] doc = { 0x03, 0x0B, 0x6A, 0x00, 0x45, 0x06, 0x06, 0x06, 0x01 };

            Assert.IsTrue(reader.Reset(doc, 0, doc.Length));
            while (reader.Read())
            {
            }

            Assert.AreEqual((int)WbxmlError.TooManyTokens, (int)reader.Error);
        }

        [TestMethod]
        public void Read_MozillaCht_AttributePagesFollowSwitches()
        {
            // Two APPLICATION characteristics: type token 0x55 on attribute code page 1 (ProvCont 8.2), reached by a
            // SWITCH_PAGE inside the attribute list; the tag page stays 0 throughout.
            var reader = new WbxmlReader();
            byte[] doc = BootstrapVectors.MozillaCht;
            int applications = 0;
            int elements = 0;

            Assert.IsTrue(reader.Reset(doc, 0, doc.Length));
            while (reader.Read())
            {
                if (reader.Kind == WbxmlNodeKind.AttributeStart && reader.Page == 1 && reader.Token == 0x55)
                {
                    applications++;
                }

                if (reader.Kind == WbxmlNodeKind.StartElement)
                {
                    elements++;
                    Assert.AreEqual(0, reader.Page);
                }
            }

            Assert.AreEqual((int)WbxmlError.None, (int)reader.Error);
            Assert.AreEqual(2, applications);
            Assert.AreEqual(48, elements);
        }

        [TestMethod]
        public void Read_OpaqueAndEntity_SpansAndScalar()
        {
            var reader = new WbxmlReader();
            byte[] doc = { 0x03, 0x0B, 0x6A, 0x00, 0x45, 0xC3, 0x02, 0xAA, 0xBB, 0x02, 0x81, 0x20, 0x01 };

            Assert.IsTrue(reader.Reset(doc, 0, doc.Length));
            Assert.IsTrue(reader.Read());
            Assert.IsTrue(reader.Read());
            Assert.AreEqual((int)WbxmlNodeKind.Opaque, (int)reader.Kind);
            Assert.AreEqual(7, reader.DataStart);
            Assert.AreEqual(2, reader.DataLength);
            Assert.IsTrue(reader.Read());
            Assert.AreEqual((int)WbxmlNodeKind.Entity, (int)reader.Kind);
            Assert.AreEqual(0xA0, reader.Entity);
        }
    }
}
