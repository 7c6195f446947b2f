/** The playground behind {@code vidgen serve} and the local task history. */
module dev.vidgen.serve {
  requires transitive dev.vidgen.core;
  requires io.javalin;
  requires org.slf4j;

  exports dev.vidgen.serve;
  exports dev.vidgen.serve.history;
}
