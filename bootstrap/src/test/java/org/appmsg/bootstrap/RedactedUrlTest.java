package org.appmsg.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactedUrlTest {

    @Test
    void the_logged_delete_url_keeps_its_shape_but_not_its_credentials() {
        assertThat(AppmsgServer.redacted("http://weed:9333/delete?fid={fid}")).isEqualTo("http://weed:9333/delete?fid={fid}");
        assertThat(AppmsgServer.redacted("https://ops:s3cret@files.example/del?fid={fid}&access_token=abc&apiKey=k1"))
                .isEqualTo("https://***@files.example/del?fid={fid}&access_token=***&apiKey=***");
    }
}
