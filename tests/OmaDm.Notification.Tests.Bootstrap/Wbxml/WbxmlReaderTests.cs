using nanoFramework.TestFramework;
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

        [TestMethod]
        [DataRow(new byte[] { 0x00, 0x0B, 0x6A, 0x00, 0x05 }, (int)WbxmlError.UnsupportedVersion)]
        [DataRow(new byte[] { 0x03, 0x0B, 0x04, 0x00, 0x05 }, (int)WbxmlError.UnsupportedCharset)]
        [DataRow(new byte[] { 0x03, 0x0B, 0x6A, 0x02, 0x41 }, (int)WbxmlError.Truncated)]
        [DataRow(new byte[] { 0x03, 0x00, 0x02, 0x6A, 0x02, 0x41, 0x00 }, (int)WbxmlError.BadStringReference)]
        [DataRow(new byte[] { 0x03, 0x8F, 0xFF, 0xFF, 0xFF, 0x7F, 0x6A }, (int)WbxmlError.BadInteger)]
        public void Reset_BadHeader_NamedError(byte[] doc, int error)
        {
            var reader = new WbxmlReader();

            Assert.IsFalse(reader.Reset(doc, 0, doc.Length));
            Assert.AreEqual(error, (int)reader.Error);
            Assert.IsFalse(reader.Read());
        }

        [TestMethod]
        [DataRow(new byte[] { 0x03, 0x0B, 0x6A, 0x02, 0x41, 0x00, 0x45, 0x83, 0x02, 0x01 }, (int)WbxmlError.BadStringReference)]
        [DataRow(new byte[] { 0x03, 0x0B, 0x6A, 0x02, 0x41, 0x41, 0x45, 0x83, 0x00, 0x01 }, (int)WbxmlError.BadStringReference)]
        [DataRow(new byte[] { 0x03, 0x0B, 0x6A, 0x00, 0x45, 0x03, 0x41, 0x41 }, (int)WbxmlError.UnterminatedString)]
        [DataRow(new byte[] { 0x03, 0x0B, 0x6A, 0x00, 0x45, 0xC0, 0x01 }, (int)WbxmlError.UnsupportedToken)]
        [DataRow(new byte[] { 0x03, 0x0B, 0x6A, 0x00, 0x45, 0x80, 0x00, 0x01 }, (int)WbxmlError.UnsupportedToken)]
        [DataRow(new byte[] { 0x03, 0x0B, 0x6A, 0x00, 0x43, 0x05, 0x01, 0x05 }, (int)WbxmlError.UnsupportedToken)]
        [DataRow(new byte[] { 0x03, 0x0B, 0x6A, 0x00, 0x05, 0x05 }, (int)WbxmlError.TrailingBytes)]
        [DataRow(new byte[] { 0x03, 0x0B, 0x6A, 0x00, 0x03, 0x41, 0x00, 0x05 }, (int)WbxmlError.UnexpectedToken)]
        [DataRow(new byte[] { 0x03, 0x0B, 0x6A, 0x00, 0x45, 0x02, 0x83, 0xB0, 0x00, 0x01 }, (int)WbxmlError.BadEntity)]
        [DataRow(new byte[] { 0x03, 0x0B, 0x6A, 0x00, 0x85, 0x86, 0x01 }, (int)WbxmlError.UnexpectedToken)]
        [DataRow(new byte[] { 0x03, 0x0B, 0x6A, 0x00, 0x85, 0x01 }, (int)WbxmlError.UnexpectedToken)]
        [DataRow(new byte[] { 0x03, 0x0B, 0x6A, 0x00, 0x45, 0xC3, 0x05, 0x41, 0x01 }, (int)WbxmlError.Truncated)]
        public void Read_BadBody_NamedError(byte[] doc, int error)
        {
            var reader = new WbxmlReader();

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
