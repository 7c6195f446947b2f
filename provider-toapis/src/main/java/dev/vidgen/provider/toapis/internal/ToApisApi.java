package dev.vidgen.provider.toapis.internal;

import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.GET;
import retrofit2.http.Multipart;
import retrofit2.http.POST;
import retrofit2.http.Part;
import retrofit2.http.Path;
import retrofit2.http.Tag;

/** The ToAPIs endpoints vidgen uses; paths are relative to the configured base URL. */
public interface ToApisApi {

  /** Creates a video task; the body is built by {@link CreateBody} so that previews match. */
  @POST("v1/videos/generations")
  Call<TaskDto> createVideo(@Body RequestBody body, @Tag CallTrace trace);

  /** Reads a task by its id or by the {@code client_business_id} sent with its create. */
  @GET("v1/videos/generations/{id}")
  Call<TaskDto> videoTask(@Path("id") String idOrClientReference, @Tag CallTrace trace);

  /** Uploads an image (multipart field {@code file}); the answer holds the URL to use. */
  @Multipart
  @POST("v1/uploads/images")
  Call<UploadDto> uploadImage(
      @Part MultipartBody.Part file, @Part("purpose") RequestBody purpose, @Tag CallTrace trace);

  /** The balance of the calling token. */
  @GET("v1/balance")
  Call<BalanceDto> balance(@Tag CallTrace trace);
}
